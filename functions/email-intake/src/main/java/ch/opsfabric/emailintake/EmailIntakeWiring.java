package ch.opsfabric.emailintake;

import ch.opsfabric.attachment.AttachmentStore;
import ch.opsfabric.attachment.S3AttachmentStore;
import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.Env;
import ch.opsfabric.app.Settings;
import ch.opsfabric.app.TicketIntakes;
import ch.opsfabric.http.ApiDispatcher;
import ch.opsfabric.http.OriginGuard;
import ch.opsfabric.http.SyntheticRequests;
import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.DryRunSqs;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.store.DryRunWrites;
import ch.opsfabric.store.DynamoMailThreads;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything the email-intake function uses, built once per JVM: tenants, tickets, contacts and
 * mail threads in the table; attachments in the bucket; answers on the outbound queue (an e-mail,
 * or the SMS a tenant prefers; both answer the customer's own message, so none is deferred).
 */
public final class EmailIntakeWiring {

    private final ApiDispatcher dispatcher;
    private final Runnable warmUp;

    /**
     * @param credentials Postmark's Basic-auth user and password and the path token
     * @param ownSender   the address our own e-mails come from
     */
    public EmailIntakeWiring(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                             Settings settings, AttachmentStore attachments, String username, String password,
                             String pathToken, String ownSender) {
        SingleTable table = SingleTable.of(dynamo, tableName);
        SqsSmsOutbox outbox = new SqsSmsOutbox(sqs, outboundQueueUrl);
        SmsTemplates templates = new SmsTemplates();
        SmsDispatch sms = ch.opsfabric.app.TicketIntakes.dispatch(table, outbox, DeferredDelivery.NONE, clock);
        DynamoTicketStore tickets = new DynamoTicketStore(table);
        DynamoTenantDirectory tenants = new DynamoTenantDirectory(table, Cloud.tenantCacheNanos());
        EmailIntake intake = new EmailIntake(clock,
                TicketIntakes.inTable(table, tickets, sms, clock, settings.publicBaseUrl()),
                tickets,
                new DynamoMailThreads(table),
                attachments,
                TicketIntakes.emailConfirmations(table, outbox, templates),
                sms,
                templates,
                ownSender);
        this.dispatcher = new ApiDispatcher(Map.of("POST /api/webhook/email/postmark/{token}",
                new PostmarkInboundRoute(new PostmarkInboundRoute.InboundCredentials(username, password, pathToken),
                        tenants, intake)), OriginGuard.of(settings.secrets().originVerifySecret()));
        ApiDispatcher routes = this.dispatcher;
        this.warmUp = () -> {
            // a request without credentials is refused before anything is read or written
            routes.prime(SyntheticRequests.request("POST", "/api/webhook/email/postmark/{token}",
                    "/api/webhook/email/postmark/priming", Map.of("content-type", "application/json"), "{}"));
            InboundEmail.read(ch.opsfabric.json.Json.parse(
                    "{\"MessageID\":\"priming\",\"From\":\"priming@opsfabric.ch\",\"Subject\":\"Priming\","
                            + "\"TextBody\":\"Bitte rufen Sie 044 555 00 00 an.\",\"Headers\":[]}"));
            ch.opsfabric.phone.PhoneNumbers.findIn("Bitte rufen Sie 044 555 00 00 an.", 3);
            tenants.bySlug("opsfabric-priming");
            outbox.warm();
            DryRunWrites.warm(clock.instant());
            DryRunSqs.warm(clock.instant());
            templates.render(SmsTemplates.Name.EMAIL_TICKET_CONFIRMATION, Map.of("business", "OpsFabric",
                    "reference", "K-0101-PRIM", "within", "innert 2 Stunden"));
        };
    }

    /** In Lambda: region, table, queue, bucket and secrets from the environment template.yaml gives it. */
    public static EmailIntakeWiring fromEnvironment() {
        String endpoint = Env.optional("AWS_ENDPOINT_URL_S3");
        return new EmailIntakeWiring(Cloud.clock(), Cloud.dynamo(), Env.require("TABLE_NAME"), Cloud.sqs(),
                Env.require("OUTBOUND_QUEUE_URL"), Cloud.settings(),
                new S3AttachmentStore(endpoint == null ? null : URI.create(endpoint), Env.require("ATTACHMENT_BUCKET"),
                        Env.require("AWS_REGION"), Cloud.credentials()),
                Env.optional("POSTMARK_INBOUND_USER"), Env.optional("POSTMARK_INBOUND_PASSWORD"),
                Env.optional("EMAIL_WEBHOOK_TOKEN"), Env.require("EMAIL_FROM_ADDRESS"));
    }

    /** SnapStart priming: the request path once, reads only. */
    public void warmUp() {
        warmUp.run();
    }

    ApiDispatcher dispatcher() {
        return dispatcher;
    }
}
