package ch.opsfabric.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundSmsTest {

    @Test
    void roundTripsThroughTheQueueFormat() {
        OutboundSms sms = new OutboundSms("t1", "+41795551234", "Grüezi – «Test» & mehr", SmsKind.TICKET_CONFIRMATION,
                Urgency.HIGH, "confirm:abc:HIGH", "20261126-ABC", Instant.parse("2026-11-26T10:00:00Z"));
        assertEquals(sms, OutboundSms.fromJson(sms.toJson()));
    }

    @Test
    void rejectsWhatIsNoOutboundSms() {
        assertThrows(IllegalArgumentException.class, () -> OutboundSms.fromJson("{\"to\":\"+41795551234\"}"));
        assertThrows(IllegalArgumentException.class, () -> OutboundSms.fromJson("not json"));
        assertThrows(IllegalArgumentException.class, () -> OutboundSms.fromJson(
                "{\"tenantId\":\"t\",\"to\":\"x\",\"text\":\"t\",\"kind\":\"nope\",\"idempotencyKey\":\"k\",\"createdAt\":\"2026-11-26T10:00:00Z\"}"));
    }

    @Test
    void templatesAreGermanAndNotHtmlEscaped() {
        String text = new SmsTemplates().render(SmsTemplates.Name.TICKET_CONFIRMATION,
                Map.of("business", "Müller & Söhne", "reference", "K-2611-ABCD"));
        assertEquals("Müller & Söhne: Vielen Dank für Ihre Anfrage. Wir haben sie unter K-2611-ABCD erfasst "
                + "und melden uns so rasch wie möglich bei Ihnen.", text);
    }
}
