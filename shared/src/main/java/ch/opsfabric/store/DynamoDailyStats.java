package ch.opsfabric.store;

import ch.opsfabric.stats.DailyStats;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The day's figures on the tenant's {@code STATS#<yyyy-mm-dd>} item (the same item that counts
 * withheld calls): one {@code ADD} per event, first responses appended to a list. The ROI page
 * reads a range with {@code SK BETWEEN}, one Query per 31 days.
 */
public final class DynamoDailyStats implements DailyStats {

    static final int MAX_DAYS_PER_QUERY = 31;

    private final SingleTable db;

    public DynamoDailyStats(SingleTable db) {
        this.db = db;
    }

    @Override
    public void count(String tenantId, LocalDate day, Counter... counters) {
        if (counters.length == 0) {
            return;
        }
        Map<String, String> names = new java.util.HashMap<>();
        List<String> adds = new ArrayList<>();
        for (int i = 0; i < counters.length; i++) {
            names.put("#c" + i, counters[i].attribute());
            adds.add("#c" + i + " :one");
        }
        db.client().updateItem(b -> b.tableName(db.tableName()).key(key(tenantId, day))
                .updateExpression("ADD " + String.join(", ", adds))
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    }

    @Override
    public void firstResponse(String tenantId, LocalDate day, long minutes, boolean withinSla) {
        db.client().updateItem(b -> b.tableName(db.tableName()).key(key(tenantId, day))
                .updateExpression("SET responseMinutes = list_append(if_not_exists(responseMinutes, :empty), :m) "
                        + "ADD responsesInSla :inSla")
                .expressionAttributeValues(Map.of(
                        ":empty", AttributeValue.fromL(List.of()),
                        ":m", AttributeValue.fromL(List.of(AttributeValue.fromN(Long.toString(minutes)))),
                        ":inSla", AttributeValue.fromN(withinSla ? "1" : "0"))));
    }

    @Override
    public List<Day> range(String tenantId, LocalDate from, LocalDate to) {
        List<Day> days = new ArrayList<>();
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(MAX_DAYS_PER_QUERY)) {
            LocalDate end = start.plusDays(MAX_DAYS_PER_QUERY - 1).isAfter(to) ? to : start.plusDays(MAX_DAYS_PER_QUERY - 1);
            LocalDate first = start;
            QueryResponse page = db.client().query(b -> b.tableName(db.tableName())
                    .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.tenant(tenantId)),
                            ":from", AttributeValue.fromS(Keys.stats(first)), ":to", AttributeValue.fromS(Keys.stats(end)))));
            page.items().forEach(item -> days.add(day(item)));
        }
        return days;
    }

    private static Day day(Map<String, AttributeValue> item) {
        Map<Counter, Long> counts = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            AttributeValue v = item.get(c.attribute());
            if (v != null) {
                counts.put(c, Long.parseLong(v.n()));
            }
        }
        List<Long> minutes = new ArrayList<>();
        AttributeValue list = item.get("responseMinutes");
        if (list != null) {
            list.l().forEach(m -> minutes.add(Long.parseLong(m.n())));
        }
        return new Day(LocalDate.parse(item.get(Keys.SK).s().substring("STATS#".length())), counts,
                number(item.get("withheldCalls")), minutes, number(item.get("responsesInSla")));
    }

    private static long number(AttributeValue value) {
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static Map<String, AttributeValue> key(String tenantId, LocalDate day) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)), Keys.SK, AttributeValue.fromS(Keys.stats(day)));
    }
}
