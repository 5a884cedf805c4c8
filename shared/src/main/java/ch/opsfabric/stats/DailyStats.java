package ch.opsfabric.stats;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per tenant and local day, what the ROI page shows, counted when it happens ({@code ADD} on one
 * item per day), so a month of figures is one Query of 31 small items — never the tickets.
 */
public interface DailyStats {

    enum Counter {
        /** Calls nobody took, from a number (withheld ones are counted apart, see CallStats). */
        MISSED_CALLS,
        MENU_SMS_SENT,
        REPLIES_URGENT, REPLIES_CALLBACK, REPLIES_FORM, REPLIES_OTHER,
        TICKETS_MISSED_CALL, TICKETS_SMS_REPLY, TICKETS_WIZARD, TICKETS_WHATSAPP, TICKETS_EMAIL, TICKETS_MANUAL, TICKETS_VOICE,
        /** Tickets from a missed call that reached SCHEDULED or later, on the day of the call. */
        RECOVERED_CALLS,
        REVIEW_REQUESTS_SENT,
        REVIEW_CLICKS;

        /** The attribute on the day's item. */
        public String attribute() {
            StringBuilder name = new StringBuilder("n");
            for (String part : name().toLowerCase(Locale.ROOT).split("_")) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
            return name.toString();
        }
    }

    /** One day's figures; {@code responseMinutes}: each first response that day, minutes from contact, in order. */
    record Day(LocalDate day, Map<Counter, Long> counts, long withheldCalls, List<Long> responseMinutes,
               long responsesInSla) {

        public long get(Counter counter) {
            return counts.getOrDefault(counter, 0L);
        }
    }

    /** Adds one to each counter, in one write. */
    void count(String tenantId, LocalDate day, Counter... counters);

    /** A ticket's first response, on the day the ticket came in, and whether it was within the SLA. */
    void firstResponse(String tenantId, LocalDate day, long minutes, boolean withinSla);

    /** Every day with figures from {@code from} to {@code to}, both included; at most one Query per 31 days. */
    List<Day> range(String tenantId, LocalDate from, LocalDate to);

    DailyStats NONE = new DailyStats() {
        @Override
        public void count(String tenantId, LocalDate day, Counter... counters) {
        }

        @Override
        public void firstResponse(String tenantId, LocalDate day, long minutes, boolean withinSla) {
        }

        @Override
        public List<Day> range(String tenantId, LocalDate from, LocalDate to) {
            return List.of();
        }
    };
}
