package ch.opsfabric.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

class SchedulerDeferredDeliveryTest {

    private final SchedulerDeferredDelivery delivery = new SchedulerDeferredDelivery(() -> {
        throw new AssertionError("building the request needs no client");
    }, "arn:aws:sqs:eu-central-2:123456789012:OutboundSmsQueue", "arn:aws:iam::123456789012:role/scheduler", "default");

    @Test
    void buildsAOneTimeScheduleInTheTenantsZone() {
        OutboundSms sms = new OutboundSms("demo-sanitaer-keller", "+41795551234", "Ihr Termin morgen 08:00",
                SmsKind.STATUS_UPDATE, Urgency.MEDIUM, "status:20261127-ABC:SCHEDULED", "20261127-ABC",
                Instant.parse("2026-11-27T21:30:00Z"));
        // 07:00 Zurich in winter = 06:00Z
        CreateScheduleRequest request = delivery.request(sms, Instant.parse("2026-11-28T06:00:00.123Z"),
                ZoneId.of("Europe/Zurich"));
        assertEquals("at(2026-11-28T07:00:00)", request.scheduleExpression());
        assertEquals("Europe/Zurich", request.scheduleExpressionTimezone());
        assertEquals(FlexibleTimeWindowMode.OFF, request.flexibleTimeWindow().mode());
        assertEquals(ActionAfterCompletion.DELETE, request.actionAfterCompletion());
        assertEquals("default", request.groupName());
        assertEquals("arn:aws:sqs:eu-central-2:123456789012:OutboundSmsQueue", request.target().arn());
        assertEquals("arn:aws:iam::123456789012:role/scheduler", request.target().roleArn());
        assertEquals(sms, OutboundSms.fromJson(request.target().input()), "the queue gets the message itself");
        assertTrue(request.name().matches("[0-9a-zA-Z\\-_.]{1,64}"), request.name());
        assertEquals(SchedulerDeferredDelivery.scheduleName(sms), request.name(), "same message, same name");
        assertTrue(!request.name().contains("41795551234"), "no phone number in the name");
    }

    @Test
    void summerTimeIsStillSevenLocal() {
        OutboundSms sms = new OutboundSms("t", "+41795551234", "x", SmsKind.REVIEW_REQUEST, Urgency.LOW, "k",
                null, Instant.parse("2026-07-01T20:00:00Z"));
        assertEquals("at(2026-07-02T07:00:00)", delivery.request(sms, Instant.parse("2026-07-02T05:00:00Z"),
                ZoneId.of("Europe/Zurich")).scheduleExpression());
    }
}
