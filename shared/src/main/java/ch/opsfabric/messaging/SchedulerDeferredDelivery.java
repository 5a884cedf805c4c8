package ch.opsfabric.messaging;

import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.Env;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import ch.opsfabric.crypto.Hashes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

/**
 * Deferral through EventBridge Scheduler: a one-time schedule {@code at(local time)} in the
 * tenant's zone whose target is the outbound queue, deleted after it ran. The schedule name is
 * derived from the idempotency key, so deferring the same message twice is a ConflictException,
 * which means "already scheduled".
 */
public final class SchedulerDeferredDelivery implements DeferredDelivery {

    static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final Supplier<SchedulerClient> scheduler;
    private final String queueArn;
    private final String roleArn;
    private final String groupName;

    /** @param scheduler built on first use: most invocations never defer anything */
    public SchedulerDeferredDelivery(Supplier<SchedulerClient> scheduler, String queueArn, String roleArn, String groupName) {
        this.scheduler = scheduler;
        this.queueArn = queueArn;
        this.roleArn = roleArn;
        this.groupName = groupName;
    }

    /**
     * In Lambda: the target queue and the role EventBridge Scheduler assumes from the environment;
     * the Scheduler client is built on the first deferral, since most invocations never defer.
     */
    public static SchedulerDeferredDelivery fromEnvironment() {
        Supplier<SchedulerClient> client = new Supplier<>() {
            private SchedulerClient built;

            @Override
            public synchronized SchedulerClient get() {
                if (built == null) {
                    built = SchedulerClient.builder()
                            .region(Cloud.region())
                            .credentialsProvider(Cloud.credentials())
                            .httpClient(UrlConnectionHttpClient.create())
                            .build();
                }
                return built;
            }
        };
        return new SchedulerDeferredDelivery(client, Env.require("OUTBOUND_QUEUE_ARN"), Env.require("SCHEDULER_ROLE_ARN"),
                "default");
    }

    @Override
    public void defer(OutboundSms sms, Instant at, ZoneId zone) {
        try {
            scheduler.get().createSchedule(request(sms, at, zone));
        } catch (ConflictException alreadyScheduled) {
            // same idempotency key, same schedule name: the message is already waiting
        }
    }

    CreateScheduleRequest request(OutboundSms sms, Instant at, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), zone);
        return CreateScheduleRequest.builder()
                .name(scheduleName(sms))
                .groupName(groupName)
                .scheduleExpression("at(" + AT.format(local) + ")")
                .scheduleExpressionTimezone(zone.getId())
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(t -> t.arn(queueArn).roleArn(roleArn).input(sms.toJson()))
                .description("deferred " + sms.kind().wireName() + " SMS")
                .build();
    }

    /** {@code sms-<40 hex>}: inside Scheduler's {@code [0-9a-zA-Z-_.]{1,64}}, no personal data. */
    static String scheduleName(OutboundSms sms) {
        return "sms-" + Hashes.sha256Hex(sms.tenantId() + "|" + sms.idempotencyKey()).substring(0, 40);
    }
}
