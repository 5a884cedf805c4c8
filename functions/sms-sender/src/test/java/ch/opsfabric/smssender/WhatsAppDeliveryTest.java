package ch.opsfabric.smssender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.OutboundWhatsApp;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsProvider;
import ch.opsfabric.messaging.SmsSendException;
import ch.opsfabric.messaging.WhatsAppMessage;
import ch.opsfabric.messaging.WhatsAppProvider;
import ch.opsfabric.messaging.WhatsAppReceipts;
import ch.opsfabric.messaging.WhatsAppRouting;
import ch.opsfabric.messaging.WhatsAppWindows;
import ch.opsfabric.smssender.SmsDelivery.Outcome;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.fakes.InMemoryOptOuts;
import ch.opsfabric.testing.fakes.InMemorySmsLedger;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import ch.opsfabric.ticket.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The 24-hour rule when a WhatsApp message is sent, and the SMS it falls back to. */
class WhatsAppDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String CUSTOMER = "+41795557001";

    private final MutableClock clock = new MutableClock(NOW);
    private final Tenant vista = InMemoryTenants.handwerk("vista", "+41445550202", "{\"whatsapp\":true}",
            "\"sms\":{\"provider\":\"scripted\",\"sender\":\"Vista\"},\"whatsapp\":{\"phoneNumberId\":\"100000000000002\","
                    + "\"templates\":{\"status_update\":{\"name\":\"status_update_v1\",\"language\":\"de\"}}}");
    private final ScriptedSmsProvider sms = new ScriptedSmsProvider();
    private final InMemorySmsLedger ledger = new InMemorySmsLedger();
    private final InMemoryOptOuts optOuts = new InMemoryOptOuts();
    private final Map<String, Instant> lastWritten = new HashMap<>();
    private final List<WhatsAppMessage> sent = new ArrayList<>();
    private final List<String> receipts = new ArrayList<>();
    private boolean metaRefuses;
    private final InMemoryTenants tenants = new InMemoryTenants().add(vista);
    private final WhatsAppDelivery delivery = new WhatsAppDelivery(tenants, optOuts, ledger, Map.of("meta",
            new WhatsAppProvider() {
                @Override
                public String name() {
                    return "scripted";
                }

                @Override
                public String send(WhatsAppMessage message) throws SmsSendException {
                    if (metaRefuses) {
                        throw new SmsSendException("HTTP 400 from graph.facebook.com", true);
                    }
                    sent.add(message);
                    return "wamid.out-" + sent.size();
                }
            }),
            new WhatsAppWindows() {
                @Override
                public void customerWrote(String tenantId, String e164, Instant at) {
                    lastWritten.put(e164, at);
                }

                @Override
                public Optional<Instant> lastCustomerMessage(String tenantId, String e164) {
                    return Optional.ofNullable(lastWritten.get(e164));
                }
            },
            new WhatsAppReceipts() {
                @Override
                public void sent(String wamid, String tenantId, String ticketId, String key, Instant at) {
                    receipts.add(wamid + " " + key);
                }

                @Override
                public Optional<Receipt> update(String wamid, Status status, String errorCode, Instant at) {
                    return Optional.empty();
                }
            },
            new SmsDelivery(tenants, optOuts, ledger, Map.<String, SmsProvider>of(sms.name(), sms), clock), clock);

    private static OutboundWhatsApp message(SmsKind kind, List<OutboundWhatsApp.Button> buttons, String key) {
        return new OutboundWhatsApp("vista", CUSTOMER, kind, Urgency.MEDIUM, "Ihr Termin ist bestätigt.", buttons,
                "Vista: Ihr Termin ist bestätigt.", key, null, NOW);
    }

    private Outcome deliver(OutboundWhatsApp message) {
        return delivery.deliver(Json.parse(message.toJson()));
    }

    @Test
    void insideTheWindowFreeTextAndButtonsGoByWhatsApp() {
        lastWritten.put(CUSTOMER, NOW.minus(Duration.ofHours(23)));
        assertEquals(Outcome.SENT, deliver(message(SmsKind.MISSED_CALL_MENU, WhatsAppRouting.MENU, "k1")));
        WhatsAppMessage out = sent.get(0);
        assertEquals("100000000000002", out.from());
        assertEquals(List.of("Dringend", "Rückruf", "Formular"), out.buttons().stream().map(OutboundWhatsApp.Button::title).toList());
        assertNull(out.template());
        assertEquals(List.of("wamid.out-1 k1"), receipts);
        assertTrue(sms.calls.isEmpty());
        assertEquals(Outcome.DUPLICATE, deliver(message(SmsKind.MISSED_CALL_MENU, WhatsAppRouting.MENU, "k1")));
        assertEquals(1, sent.size());
    }

    @Test
    void outsideTheWindowOnlyTheApprovedTemplateOfThePurpose() {
        lastWritten.put(CUSTOMER, NOW.minus(Duration.ofHours(25)));
        assertEquals(Outcome.SENT, deliver(message(SmsKind.STATUS_UPDATE, List.of(), "k2")));
        WhatsAppMessage out = sent.get(0);
        assertEquals("status_update_v1", out.template().name());
        assertEquals("de", out.template().language());
        assertEquals(List.of("Vista: Ihr Termin ist bestätigt."), out.template().parameters());
    }

    @Test
    void outsideTheWindowWithoutATemplateTheSmsGoes() {
        lastWritten.put(CUSTOMER, NOW.minus(Duration.ofHours(25)));
        assertEquals(Outcome.SENT, deliver(message(SmsKind.TICKET_CONFIRMATION, List.of(), "k3")));
        assertTrue(sent.isEmpty());
        assertEquals(1, sms.callsTo(CUSTOMER));
        assertEquals("Vista: Ihr Termin ist bestätigt.", sms.calls.get(0).text());
        assertEquals(Outcome.DUPLICATE, deliver(message(SmsKind.TICKET_CONFIRMATION, List.of(), "k3")), "no second SMS");
        assertEquals(1, sms.callsTo(CUSTOMER));
    }

    @Test
    void aPermanentRefusalFallsBackToSmsOnce() {
        lastWritten.put(CUSTOMER, NOW.minus(Duration.ofMinutes(5)));
        metaRefuses = true;
        assertEquals(Outcome.SENT, deliver(message(SmsKind.TICKET_CONFIRMATION, List.of(), "k4")));
        assertEquals(1, sms.callsTo(CUSTOMER));
    }

    @Test
    void anOptedOutNumberGetsNothing() {
        lastWritten.put(CUSTOMER, NOW.minus(Duration.ofMinutes(5)));
        optOuts.optOut("vista", CUSTOMER, NOW);
        assertEquals(Outcome.SKIPPED_OPT_OUT, deliver(message(SmsKind.STATUS_UPDATE, List.of(), "k5")));
        assertTrue(sent.isEmpty() && sms.calls.isEmpty());
    }
}
