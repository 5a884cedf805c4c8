package ch.opsfabric.log;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Business metrics as CloudWatch Embedded Metric Format: one JSON line on stdout that CloudWatch
 * Logs turns into a metric, no API call, no client, no extra cold start. Namespace OpsFabric,
 * one dimension (the function), the tenant as a searchable property rather than a dimension
 * (a dimension per tenant would multiply the metric count).
 */
public final class Metrics {

    public static final String NAMESPACE = "OpsFabric";

    /** What is counted: the events the business cares about. */
    public enum Event {
        MISSED_CALL("MissedCall"), TICKET_CREATED("TicketCreated"), TICKET_JOINED("TicketJoined"),
        SMS_SENT("SmsSent"), SMS_DEFERRED("SmsDeferred"), SMS_FAILED("SmsFailed"),
        REVIEW_SENT("ReviewSent"), REVIEW_CLICKED("ReviewClicked");

        private final String metricName;

        Event(String metricName) {
            this.metricName = metricName;
        }

        public String metricName() {
            return metricName;
        }
    }

    private static final String SERVICE = service();

    private Metrics() {
    }

    public static void count(Event event, String tenantId) {
        System.out.println(Json.write(line(event, tenantId, System.currentTimeMillis())));
    }

    static ObjectNode line(Event event, String tenantId, long timestamp) {
        ObjectNode line = Json.object();
        ObjectNode aws = line.putObject("_aws").put("Timestamp", timestamp);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("Service");
        directive.putArray("Metrics").addObject().put("Name", event.metricName()).put("Unit", "Count");
        line.put("Service", SERVICE);
        line.put(event.metricName(), 1);
        if (tenantId != null) {
            line.put("tenant", tenantId);
        }
        return line;
    }

    private static String service() {
        String name = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        return name == null ? "local" : name;
    }
}
