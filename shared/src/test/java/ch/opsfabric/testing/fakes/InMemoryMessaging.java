package ch.opsfabric.testing.fakes;

import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsOutbox;
import ch.opsfabric.messaging.SmsWindows;
import ch.opsfabric.ticket.CallStats;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory outbox, deferral, SMS windows and call counts: what a use case sent, deferred and counted. */
public final class InMemoryMessaging {

    private InMemoryMessaging() {
    }

    /** Every SMS and e-mail queued, in order. */
    public static final class Outbox implements SmsOutbox, ch.opsfabric.messaging.EmailOutbox {
        public final List<OutboundSms> queued = new CopyOnWriteArrayList<>();
        public final List<ch.opsfabric.messaging.OutboundEmail> emails = new CopyOnWriteArrayList<>();

        @Override
        public void enqueue(OutboundSms sms) {
            queued.add(sms);
        }

        @Override
        public void enqueue(ch.opsfabric.messaging.OutboundEmail email) {
            emails.add(email);
        }
    }

    /** The customers' last WhatsApp messages in a map. */
    public static final class WhatsAppWindowsFake implements ch.opsfabric.messaging.WhatsAppWindows {
        private final java.util.Map<String, Instant> last = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void customerWrote(String tenantId, String e164, Instant at) {
            last.merge(tenantId + "|" + e164, at, (a, b) -> a.isAfter(b) ? a : b);
        }

        @Override
        public java.util.Optional<Instant> lastCustomerMessage(String tenantId, String e164) {
            return java.util.Optional.ofNullable(last.get(tenantId + "|" + e164));
        }
    }

    /** Message-IDs and their tickets in a map. */
    public static final class MailThreads implements ch.opsfabric.mail.MailThreads {
        private final java.util.Map<String, String> tickets = new java.util.HashMap<>();

        @Override
        public synchronized boolean remember(String tenantId, String messageId, String ticketId, Instant at) {
            return tickets.putIfAbsent(tenantId + "|" + bare(messageId), ticketId) == null;
        }

        @Override
        public synchronized java.util.Optional<String> ticketOf(String tenantId, List<String> messageIds) {
            return messageIds.stream().map(id -> tickets.get(tenantId + "|" + bare(id))).filter(java.util.Objects::nonNull)
                    .findFirst();
        }

        private static String bare(String id) {
            return id.strip().replaceAll("^<|>$", "").toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Every SMS deferred, with its time. */
    public static final class Deferrals implements DeferredDelivery {
        public record Deferred(OutboundSms sms, Instant at, ZoneId zone) {
        }

        public final List<Deferred> deferred = new CopyOnWriteArrayList<>();

        @Override
        public void defer(OutboundSms sms, Instant at, ZoneId zone) {
            deferred.add(new Deferred(sms, at, zone));
        }
    }

    /** Windows as the conditional write keeps them: one owner per open window, the same owner again is let in. */
    public static final class Windows implements SmsWindows {
        private record Window(String owner, Instant until) {
        }

        private final Map<String, Window> open = new HashMap<>();

        @Override
        public synchronized boolean tryOpen(String tenantId, String purpose, String e164, String owner, Instant now,
                                            Duration length) {
            String key = tenantId + "|" + purpose + "|" + e164;
            Window window = open.get(key);
            if (window != null && window.until().isAfter(now) && !window.owner().equals(owner)) {
                return false;
            }
            if (window == null || !window.owner().equals(owner) || !window.until().isAfter(now)) {
                open.put(key, new Window(owner, now.plus(length)));
            }
            return true;
        }
    }

    /** Withheld calls per tenant and day, each call id once. */
    public static final class Calls implements CallStats {
        private final Set<String> seen = new HashSet<>();

        @Override
        public synchronized boolean countWithheld(String tenantId, LocalDate day, String callId) {
            return seen.add(tenantId + "|" + day + "|" + callId);
        }

        public synchronized long withheld(String tenantId, LocalDate day) {
            return seen.stream().filter(s -> s.startsWith(tenantId + "|" + day + "|")).count();
        }
    }

    /** Conversation threads: the ticket a staff member last wrote from, per tenant and number. */
    public static final class Threads implements ch.opsfabric.messaging.SmsThreads {
        private final java.util.Map<String, java.util.Map.Entry<String, Instant>> open = new java.util.HashMap<>();

        @Override
        public synchronized void open(String tenantId, String e164, String ticketId, Instant until) {
            open.put(tenantId + "|" + e164, java.util.Map.entry(ticketId, until));
        }

        @Override
        public synchronized java.util.Optional<String> ticketOf(String tenantId, String e164, Instant now) {
            var thread = open.get(tenantId + "|" + e164);
            return thread == null || !thread.getValue().isAfter(now) ? java.util.Optional.empty()
                    : java.util.Optional.of(thread.getKey());
        }
    }
}
