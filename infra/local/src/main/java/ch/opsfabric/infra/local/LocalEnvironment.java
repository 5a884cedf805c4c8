package ch.opsfabric.infra.local;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.app.Secrets;
import ch.opsfabric.app.Settings;
import ch.opsfabric.infra.emulators.FreePort;
import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.messaging.ConsoleSmsProvider;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.tenant.Tenant;
import java.util.List;

/**
 * What every function needs locally: the emulators with the template's table and queues, the
 * settable clock, the console SMS provider, the local scheduler, the demo tenants, and the
 * application wired to them. The local stack adds a gateway, pollers and the cron on top; the
 * invoke tool uses it for one function.
 */
final class LocalEnvironment implements AutoCloseable {

    /** The dev secrets, as listed in the README; never used outside the local stack. */
    static final Secrets DEV_SECRETS = new Secrets("dev-webhook-secret", "dev-twilio-token", "dev-ecall-token",
            "dev-cron-secret", AppContext.bundledSipgateKey());
    /** Generous, so end-to-end suites from one address pass; production uses the template's value. */
    static final int LOCAL_INTAKE_RATE_PER_MINUTE = 600;
    /** A failed SMS comes back after seconds instead of the deployed 90 s. */
    static final int LOCAL_VISIBILITY_TIMEOUT_SECONDS = 5;

    final SamTemplate template;
    final LocalAws aws;
    final LocalClock clock = new LocalClock();
    final ConsoleSmsProvider console = new ConsoleSmsProvider(clock);
    final LocalScheduler scheduler;
    final AppContext app;
    final List<Tenant> tenants;

    private LocalEnvironment(String publicBaseUrl) {
        this.template = SamTemplate.locate();
        this.aws = LocalAws.start(LocalAws.dynaliteHome(), template, FreePort.find(), FreePort.find(),
                LOCAL_VISIBILITY_TIMEOUT_SECONDS);
        try {
            // like EventBridge Scheduler, the local scheduler targets the outbound queue directly
            this.scheduler = new LocalScheduler(new SqsSmsOutbox(aws.sqs(), aws.queueUrl("OutboundSmsQueue")), clock);
            this.app = new AppContext(clock, aws.dynamo(), aws.tableName("OpsTable"), aws.sqs(),
                    aws.queueUrl("OutboundSmsQueue"), scheduler, List.of(console),
                    new Settings(publicBaseUrl, LOCAL_INTAKE_RATE_PER_MINUTE, DEV_SECRETS));
            this.tenants = DemoTenants.seed((DynamoTenantDirectory) app.tenants());
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    static LocalEnvironment start(String publicBaseUrl) {
        return new LocalEnvironment(publicBaseUrl);
    }

    @Override
    public void close() {
        scheduler.close();
        aws.close();
    }
}
