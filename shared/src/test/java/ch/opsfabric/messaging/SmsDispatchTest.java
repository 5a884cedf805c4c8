package ch.opsfabric.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.opsfabric.json.Json;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantJson;
import ch.opsfabric.ticket.Urgency;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmsDispatchTest {

    private static final Tenant TENANT = TenantJson.read(Json.parse(
            "{\"id\":\"t\",\"slug\":\"t\",\"name\":\"T\",\"branch\":\"handwerk\",\"config\":{}}"));

    private final List<OutboundSms> queued = new ArrayList<>();
    private final List<Instant> deferredUntil = new ArrayList<>();

    private SmsDispatch at(String instant) {
        return new SmsDispatch(queued::add, (sms, at, zone) -> deferredUntil.add(at),
                Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static OutboundSms sms(SmsKind kind, Urgency urgency) {
        return new OutboundSms("t", "+41795551234", "x", kind, urgency, "k-" + kind + urgency, null,
                Instant.parse("2026-11-27T21:30:00Z"));
    }

    @Test
    void proactiveMessagesWaitForMorning() {
        // 22:30 Zurich
        assertEquals(SmsDispatch.Route.DEFERRED, at("2026-11-27T21:30:00Z").send(TENANT, sms(SmsKind.STATUS_UPDATE, Urgency.MEDIUM)));
        assertEquals(List.of(Instant.parse("2026-11-28T06:00:00Z")), deferredUntil);
        assertEquals(0, queued.size());
    }

    @Test
    void urgentAndConversationalMessagesGoAtOnceAtNight() {
        SmsDispatch night = at("2026-11-27T23:30:00Z");
        assertEquals(SmsDispatch.Route.QUEUED, night.send(TENANT, sms(SmsKind.STATUS_UPDATE, Urgency.HIGH)));
        assertEquals(SmsDispatch.Route.QUEUED, night.send(TENANT, sms(SmsKind.MISSED_CALL_MENU, Urgency.MEDIUM)));
        assertEquals(SmsDispatch.Route.QUEUED, night.send(TENANT, sms(SmsKind.REPLY_ACKNOWLEDGEMENT, Urgency.MEDIUM)));
        assertEquals(3, queued.size());
        assertEquals(0, deferredUntil.size());
    }

    @Test
    void daytimeProactiveGoesAtOnce() {
        assertEquals(SmsDispatch.Route.QUEUED, at("2026-11-27T10:00:00Z").send(TENANT, sms(SmsKind.REVIEW_REQUEST, Urgency.LOW)));
    }
}
