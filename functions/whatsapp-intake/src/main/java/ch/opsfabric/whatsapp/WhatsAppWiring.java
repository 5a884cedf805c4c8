package ch.opsfabric.whatsapp;

import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.Env;
import ch.opsfabric.app.Settings;
import ch.opsfabric.app.TicketIntakes;
import ch.opsfabric.attachment.AttachmentStore;
import ch.opsfabric.attachment.S3AttachmentStore;
import ch.opsfabric.http.ApiDispatcher;
import ch.opsfabric.http.OriginGuard;
import ch.opsfabric.http.SyntheticRequests;
import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.DryRunSqs;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.store.DryRunWrites;
import ch.opsfabric.store.DynamoOptOuts;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything the whatsapp-intake function uses, built once per JVM: tenants, tickets, contacts and
 * opt-outs in the table; the media queue; Meta's Graph API and the attachment bucket for the
 * downloads; the outbound queue only for the owner's urgent alert.
 */
public final class WhatsAppWiring {

    private final ApiDispatcher dispatcher;
    private final MediaWorker media;
    private final Runnable warmUp;

    /**
     * @param verifyToken the handshake's {@code hub.verify_token}
     * @param appSecret   the key of {@code X-Hub-Signature-256}
     */
    public WhatsAppWiring(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                          String mediaQueueUrl, Settings settings, GraphMedia graph, GraphMedia twilio,
                          AttachmentStore attachments, String verifyToken, String appSecret) {
        SingleTable table = SingleTable.of(dynamo, tableName);
        SqsSmsOutbox outbox = new SqsSmsOutbox(sqs, outboundQueueUrl);
        SmsDispatch sms = ch.opsfabric.app.TicketIntakes.dispatch(table, outbox, DeferredDelivery.NONE, clock);
        DynamoTicketStore tickets = new DynamoTicketStore(table);
        DynamoTenantDirectory tenants = new DynamoTenantDirectory(table, Cloud.tenantCacheNanos());
        ch.opsfabric.messaging.SmsTemplates templates = new ch.opsfabric.messaging.SmsTemplates();
        WhatsAppIntake intake = new WhatsAppIntake(tenants,
                TicketIntakes.inTable(table, tickets, sms, clock, settings.publicBaseUrl()),
                new DynamoOptOuts(table),
                job -> sqs.sendMessage(b -> b.queueUrl(mediaQueueUrl).messageBody(job.toJson())),
                new ch.opsfabric.store.DynamoWhatsAppWindows(table),
                new ch.opsfabric.store.DynamoWhatsAppReceipts(table),
                tickets,
                new WhatsAppAnswers(sms, templates, new ch.opsfabric.store.DynamoFormRefs(table), settings.publicBaseUrl()));
        MetaWebhookRoute meta = new MetaWebhookRoute(verifyToken, appSecret, intake);
        this.dispatcher = new ApiDispatcher(Map.of(
                "GET /api/webhook/whatsapp/meta", meta,
                "POST /api/webhook/whatsapp/meta", meta,
                "POST /api/webhook/whatsapp/twilio", new TwilioWhatsAppRoute(settings.secrets().twilioAuthToken(),
                        settings.publicBaseUrl(), tenants, intake, clock)), OriginGuard.of(settings.secrets().originVerifySecret()));
        this.media = new MediaWorker(graph, twilio, attachments, tickets, clock);
        ApiDispatcher routes = this.dispatcher;
        this.warmUp = () -> {
            // an unsigned notification is refused before anything is read or written
            routes.prime(SyntheticRequests.request("POST", "/api/webhook/whatsapp/meta", "/api/webhook/whatsapp/meta",
                    Map.of("content-type", "application/json"), "{}"));
            MetaWebhook.read(ch.opsfabric.json.Json.parse("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\","
                    + "\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"1\"},"
                    + "\"messages\":[{\"from\":\"41795550000\",\"id\":\"wamid.priming\",\"timestamp\":\"1\",\"type\":\"text\","
                    + "\"text\":{\"body\":\"Priming\"}}]}}]}]}"));
            tenants.byWhatsAppNumber("0000000");
            MediaJob.fromJson(new MediaJob("priming", "priming", "priming", "1", "image/jpeg", null, null).toJson());
            outbox.warm();
            DryRunWrites.warm(clock.instant());
            DryRunSqs.warm(clock.instant());
        };
    }

    /** In Lambda: table, queues, bucket, Graph API and secrets from the environment template.yaml gives it. */
    public static WhatsAppWiring fromEnvironment() {
        String s3 = Env.optional("AWS_ENDPOINT_URL_S3");
        String graph = Env.optional("META_GRAPH_BASE_URL");
        return new WhatsAppWiring(Cloud.clock(), Cloud.dynamo(), Env.require("TABLE_NAME"), Cloud.sqs(),
                Env.require("OUTBOUND_QUEUE_URL"), Env.require("MEDIA_QUEUE_URL"), Cloud.settings(),
                new HttpGraphMedia(graph == null ? "https://graph.facebook.com/v21.0" : graph,
                        Env.optional("META_ACCESS_TOKEN") == null ? "" : Env.optional("META_ACCESS_TOKEN")),
                new TwilioMedia(Env.optional("TWILIO_API_BASE_URL") == null ? "https://api.twilio.com"
                        : Env.optional("TWILIO_API_BASE_URL"), String.valueOf(Env.optional("TWILIO_ACCOUNT_SID")),
                        String.valueOf(Env.optional("TWILIO_AUTH_TOKEN"))),
                new S3AttachmentStore(s3 == null ? null : URI.create(s3), Env.require("ATTACHMENT_BUCKET"),
                        Env.require("AWS_REGION"), Cloud.credentials()),
                Env.optional("WHATSAPP_VERIFY_TOKEN"), Env.optional("META_APP_SECRET"));
    }

    /** SnapStart priming: the request path once, reads only. */
    public void warmUp() {
        warmUp.run();
    }

    ApiDispatcher dispatcher() {
        return dispatcher;
    }

    MediaWorker media() {
        return media;
    }
}
