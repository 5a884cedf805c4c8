package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Dev routes for fault tests, never in template.yaml:
 * <ul>
 *   <li>{@code PUT /_local/faults} (rules, see {@link LocalFaults}), {@code DELETE} clears them, {@code GET} lists what was injected</li>
 *   <li>{@code PUT /_local/sms/outage {"minutes": 10}}: the SMS provider is down for that much local time</li>
 *   <li>{@code GET /_local/queues}: every queue of the template with its visible and in-flight messages (the DLQ alarms' metric)</li>
 *   <li>{@code POST /_local/queues/{logicalId}}: the body as one message on that queue (a poisoned one, say)</li>
 *   <li>{@code DELETE /_local/queues/{logicalId}}: empties it (PurgeQueue)</li>
 *   <li>{@code GET /_local/queues/{logicalId}/messages}: the bodies waiting there, left in place</li>
 *   <li>{@code POST /_local/queues/{dlq}/replay {"to": "OutboundSmsQueue"}}: {@link DlqReplay} on the stack's queues</li>
 * </ul>
 */
final class FaultRoutes implements LocalApiGateway.DevRoutes {

    private final LocalEnvironment env;

    FaultRoutes(LocalEnvironment env) {
        this.env = env;
    }

    @Override
    public Optional<LocalFunctions.HttpResult> handle(String method, String path, String body) {
        try {
            if (path.equals("/_local/faults")) {
                return Optional.of(switch (method) {
                    case "PUT" -> {
                        env.faults.set(Json.parse(body));
                        yield LocalApiGateway.json(200, "{\"set\":true}");
                    }
                    case "DELETE" -> {
                        env.faults.clear();
                        yield LocalApiGateway.json(200, "{\"cleared\":true}");
                    }
                    default -> LocalApiGateway.json(200, env.faults.injectedJson());
                });
            }
            if (path.equals("/_local/sms/outage") && method.equals("PUT")) {
                env.smsSink.outage(Duration.ofMinutes(Json.parse(body).path("minutes").asLong(0)));
                return Optional.of(LocalApiGateway.json(200, "{\"outage\":true}"));
            }
            if (path.equals("/_local/queues") && method.equals("GET")) {
                ObjectNode queues = Json.object();
                for (String queue : env.template.resourcesOfType("AWS::SQS::Queue").keySet()) {
                    Map<QueueAttributeName, String> attributes = env.aws.sqs().getQueueAttributes(b -> b
                            .queueUrl(env.aws.queueUrl(queue)).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                    queues.putObject(queue)
                            .put("visible", Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)))
                            .put("inFlight", Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
                }
                return Optional.of(LocalApiGateway.json(200, queues.toString()));
            }
            if (path.startsWith("/_local/queues/") && path.endsWith("/messages") && method.equals("GET")) {
                // a look at what waits in a queue (a DLQ, say), without taking it: visible again at once
                String queue = path.substring("/_local/queues/".length(), path.length() - "/messages".length());
                if (!env.template.resourcesOfType("AWS::SQS::Queue").containsKey(queue)) {
                    return Optional.of(LocalApiGateway.json(404, "{\"error\":\"no such queue\"}"));
                }
                var list = Json.array();
                env.aws.sqs().receiveMessage(b -> b.queueUrl(env.aws.queueUrl(queue)).maxNumberOfMessages(10)
                        .visibilityTimeout(0).waitTimeSeconds(0)).messages().forEach(m -> list.add(m.body()));
                return Optional.of(LocalApiGateway.json(200, list.toString()));
            }
            if (path.startsWith("/_local/queues/") && path.endsWith("/replay") && method.equals("POST")) {
                // infra/dlq-replay --local: the stack knows its queues' URLs
                String dlq = path.substring("/_local/queues/".length(), path.length() - "/replay".length());
                String to = body == null || body.isBlank() ? "OutboundSmsQueue"
                        : Json.parse(body).path("to").asText("OutboundSmsQueue");
                var queues = env.template.resourcesOfType("AWS::SQS::Queue");
                if (!queues.containsKey(dlq) || !queues.containsKey(to)) {
                    return Optional.of(LocalApiGateway.json(404, "{\"error\":\"no such queue\"}"));
                }
                DlqReplay.Result result = DlqReplay.replay(env.aws.sqs(), env.aws.queueUrl(dlq), env.aws.queueUrl(to));
                return Optional.of(LocalApiGateway.json(200, Json.object().put("moved", result.moved())
                        .put("failed", result.failed()).toString()));
            }
            if (path.startsWith("/_local/queues/") && method.equals("DELETE")) {
                String queue = path.substring("/_local/queues/".length());
                if (!env.template.resourcesOfType("AWS::SQS::Queue").containsKey(queue)) {
                    return Optional.of(LocalApiGateway.json(404, "{\"error\":\"no such queue\"}"));
                }
                env.aws.sqs().purgeQueue(b -> b.queueUrl(env.aws.queueUrl(queue)));
                return Optional.of(LocalApiGateway.json(200, "{\"purged\":true}"));
            }
            if (path.startsWith("/_local/queues/") && method.equals("POST")) {
                String queue = path.substring("/_local/queues/".length());
                if (!env.template.resourcesOfType("AWS::SQS::Queue").containsKey(queue)) {
                    return Optional.of(LocalApiGateway.json(404, "{\"error\":\"no such queue\"}"));
                }
                String id = env.aws.sqs().sendMessage(b -> b.queueUrl(env.aws.queueUrl(queue)).messageBody(body)).messageId();
                return Optional.of(LocalApiGateway.json(200, Json.object().put("messageId", id).toString()));
            }
        } catch (IllegalArgumentException e) {
            return Optional.of(LocalApiGateway.json(400, Json.object().put("error", e.getMessage()).toString()));
        }
        return Optional.empty();
    }
}
