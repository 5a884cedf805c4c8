package ch.opsfabric.voiceagent;

import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.Env;
import ch.opsfabric.app.TicketIntakes;
import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.store.DryRunWrites;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.Urgency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything the voice-agent function uses, built once per JVM: tenants, tickets, contacts and
 * call states in the table; the model; the connections to answer on; the outbound queue for the
 * owner's alert and the SMS menu when the model fails.
 */
public final class VoiceAgentWiring {

    private final VoiceCall call;
    private final Connections connections;
    private final String socketUrl;
    private final String authToken;
    private final Runnable warmUp;

    /**
     * @param socketUrl the {@code wss://} URL Twilio opens (what it signs)
     * @param authToken Twilio's auth token, the key of that signature
     */
    public VoiceAgentWiring(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                            String publicBaseUrl, VoiceModel model, Connections connections, String socketUrl,
                            String authToken) {
        SingleTable table = SingleTable.of(dynamo, tableName);
        SqsSmsOutbox outbox = new SqsSmsOutbox(sqs, outboundQueueUrl);
        SmsDispatch sms = TicketIntakes.dispatch(table, outbox, DeferredDelivery.NONE, clock);
        SmsTemplates templates = new SmsTemplates();
        DynamoTicketStore tickets = new DynamoTicketStore(table);
        DynamoTenantDirectory tenants = new DynamoTenantDirectory(table, Cloud.tenantCacheNanos());
        this.call = new VoiceCall(tenants, new DynamoCallStore(table, DynamoCallStore.RETENTION), model,
                TicketIntakes.inTable(table, tickets, sms, clock, publicBaseUrl), new VoiceCall.FollowUp() {
                    @Override
                    public void urgent(Tenant tenant, Ticket ticket, Instant at) {
                        String owner = tenant.config().ownerMobile();
                        if (owner == null) {
                            return;
                        }
                        Map<String, Object> scope = new HashMap<>();
                        scope.put("reference", ticket.reference());
                        scope.put("phone", ticket.phone());
                        if (ticket.name() != null) {
                            scope.put("name", ticket.name());
                        }
                        sms.send(tenant, new OutboundSms(tenant.id(), owner, templates.render(SmsTemplates.Name.URGENT_ALERT,
                                scope), SmsKind.URGENT_ALERT, Urgency.HIGH, "alert:voice:" + ticket.id(), ticket.id(), at));
                    }

                    @Override
                    public void smsMenu(Tenant tenant, Phone.Number caller, Ticket ticket, Instant at) {
                        if (!caller.isMobile()) {
                            return;
                        }
                        sms.send(tenant, new OutboundSms(tenant.id(), caller.e164(), templates.render(
                                SmsTemplates.Name.MISSED_CALL_MENU, Map.of("business", tenant.name())),
                                SmsKind.MISSED_CALL_MENU, Urgency.MEDIUM, "menu:voice:" + ticket.id(), ticket.id(), at));
                    }
                }, clock);
        this.connections = connections;
        this.socketUrl = socketUrl;
        this.authToken = authToken;
        this.warmUp = () -> {
            RelayMessage.read("{\"type\":\"prompt\",\"voicePrompt\":\"Priming\",\"lang\":\"de-CH\",\"last\":true}");
            tenants.byPhoneLine("+41445550000");
            AgentTools.definitions();
            outbox.warm();
            DryRunWrites.warm(clock.instant());
            templates.render(SmsTemplates.Name.MISSED_CALL_MENU, Map.of("business", "OpsFabric"));
        };
    }

    /** In Lambda: table, queue, the model's key and the socket's URLs from the environment template.yaml gives it. */
    public static VoiceAgentWiring fromEnvironment() {
        String base = Env.optional("OPENAI_BASE_URL");
        return new VoiceAgentWiring(Cloud.clock(), Cloud.dynamo(), Env.require("TABLE_NAME"), Cloud.sqs(),
                Env.require("OUTBOUND_QUEUE_URL"), Env.require("PUBLIC_BASE_URL"),
                new OpenAiVoiceModel(base == null ? "https://api.openai.com" : base, String.valueOf(Env.optional("OPENAI_API_KEY")),
                        Env.optional("OPENAI_MODEL") == null ? "gpt-4o-mini" : Env.optional("OPENAI_MODEL"),
                        Duration.ofMillis(Env.integer("MODEL_TIMEOUT_MS", 2500))),
                new ManagementApiConnections(Env.require("VOICE_CALLBACK_URL"), Env.require("AWS_REGION"), Cloud.credentials()),
                Env.require("VOICE_SOCKET_URL"), Env.optional("TWILIO_AUTH_TOKEN"));
    }

    public void warmUp() {
        warmUp.run();
    }

    VoiceCall call() {
        return call;
    }

    Connections connections() {
        return connections;
    }

    String socketUrl() {
        return socketUrl;
    }

    String authToken() {
        return authToken;
    }
}
