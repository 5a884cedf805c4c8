package ch.opsfabric.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void writesEmbeddedMetricFormat() {
        JsonNode line = Json.parse(Json.write(Metrics.line(Metrics.Event.MISSED_CALL, "demo-sanitaer-keller", 1795680900000L)));
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals(1795680900000L, line.get("_aws").get("Timestamp").asLong());
        assertEquals("OpsFabric", directive.get("Namespace").asText());
        assertEquals("Service", directive.get("Dimensions").get(0).get(0).asText());
        assertEquals("MissedCall", directive.get("Metrics").get(0).get("Name").asText());
        assertEquals("Count", directive.get("Metrics").get(0).get("Unit").asText());
        assertEquals(1, line.get("MissedCall").asInt(), "the value sits at the top level under the metric name");
        assertEquals("local", line.get("Service").asText(), "every dimension has a value");
        assertEquals("demo-sanitaer-keller", line.get("tenant").asText());
    }
}
