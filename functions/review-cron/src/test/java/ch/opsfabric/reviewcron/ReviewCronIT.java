package ch.opsfabric.reviewcron;

import ch.opsfabric.testing.RequestCounter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.review.ReviewQueue;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.Keys;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Modules;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.QueueReader;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.testing.TestData;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import ch.opsfabric.ticket.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class ReviewCronIT {

    /** Wednesday 14:00 in Zurich. */
    private static final Instant AFTERNOON = Instant.parse("2026-11-25T13:00:00Z");

    private final String table = TestAws.freshTable();
    private final String queue = TestAws.freshQueues().get("OutboundSmsQueue");
    private final MutableClock clock = new MutableClock(AFTERNOON);
    private final TestData app = TestAws.data(table);
    private final DynamoTenantDirectory directory = app.tenants();
    private final ReviewCronHandler handler = new ReviewCronHandler(new ReviewCronWiring(clock, TestAws.aws().dynamo(),
            table, TestAws.aws().sqs(), queue, (sms, at, zone) -> {
                throw new AssertionError("the cron itself waits for the morning; nothing is deferred");
            }, TestAws.SETTINGS));

    private Ticket done(Tenant tenant, String phone, Instant doneAt) {
        Ticket ticket = app.intake().record(tenant, new NewContact(tenant.id(), PhoneNumbers.require(phone), TicketSource.WIZARD,
                Urgency.MEDIUM, TicketStatus.NEW, "Anna", null, "standard", null, "x", Map.of(), doneAt.minusSeconds(3600),
                null)).ticket();
        return app.tickets().changeStatus(tenant.id(), ticket.id(), new TicketStore.StatusChange(TicketStatus.NEW,
                TicketStatus.DONE, null, doneAt, null, doneAt.plus(tenant.config().reviewDelay())));
    }

    private Map<String, Object> run() {
        return handler.handle(Map.of("source", "opsfabric.review-cron"));
    }

    private List<OutboundSms> sent() {
        return QueueReader.drain(queue);
    }

    @Test
    void sendsOnePoliteTrackedRequestWhenDue() {
        Tenant tenant = TestAws.newTenant(directory, "");
        Ticket ticket = done(tenant, "079 555 71 01", AFTERNOON);
        assertEquals(0, run().get("due"), "not yet: two hours after DONE");
        clock.advance(Duration.ofHours(2).plusMinutes(5));
        Map<String, Object> result = run();
        assertEquals(1, result.get("sent"));
        List<OutboundSms> sms = sent();
        assertEquals(1, sms.size());
        assertEquals(SmsKind.REVIEW_REQUEST, sms.get(0).kind());
        String text = sms.get(0).text();
        assertTrue(text.startsWith(tenant.name() + ":"), "names the business: " + text);
        assertTrue(text.contains("http://localhost:3000/r/"), text);
        assertTrue(text.contains("STOP") && text.contains("kostenlos"), "free opt-out hint (UWG): " + text);
        assertTrue(!text.toLowerCase().contains("zufrieden"), "no gating question");
        Ticket after = app.tickets().find(tenant.id(), ticket.id()).orElseThrow();
        assertEquals(clock.instant(), after.reviewRequestSentAt());
        assertEquals(0, run().get("due"), "claimed tickets leave the queue");
        assertTrue(sent().isEmpty());
    }

    @Test
    void waitsThroughQuietHoursAndSendsAfterSeven() {
        Tenant tenant = TestAws.newTenant(directory, "");
        done(tenant, "079 555 71 02", Instant.parse("2026-11-25T19:00:00Z"));
        clock.set(Instant.parse("2026-11-25T21:05:00Z"));
        Map<String, Object> night = run();
        assertEquals(1, night.get("waiting"));
        assertEquals(0, night.get("sent"));
        assertTrue(sent().isEmpty());
        clock.set(Instant.parse("2026-11-26T06:05:00Z"));
        assertEquals(1, run().get("sent"));
        assertEquals(1, sent().size());
    }

    @Test
    void threeConcurrentRunsSendOneSms() throws Exception {
        Tenant tenant = TestAws.newTenant(directory, "");
        for (int i = 0; i < 5; i++) {
            done(tenant, "079 555 72 0" + i, AFTERNOON);
        }
        clock.advance(Duration.ofHours(3));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, Object>>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return run();
            }));
        }
        start.countDown();
        int sentTotal = 0;
        for (Future<Map<String, Object>> r : runs) {
            sentTotal += (Integer) r.get().get("sent");
        }
        pool.shutdown();
        assertEquals(5, sentTotal);
        List<OutboundSms> sms = sent();
        assertEquals(5, sms.size());
        assertEquals(5, sms.stream().map(OutboundSms::to).distinct().count(), "one request per customer");
    }

    /** More than a run used to take (200), over every shard, plus requests planned before sharding: all in one run. */
    @Test
    void oneRunDrainsEveryShardAndTheUnshardedRemainder() {
        Tenant tenant = TestAws.newTenant(directory, "");
        Instant due = AFTERNOON.minusSeconds(600);
        List<WriteRequest> batch = new ArrayList<>();
        java.util.Set<String> partitions = new java.util.HashSet<>();
        for (int i = 0; i < 330; i++) {
            String id = "20261125-" + String.format("%012d", i);
            String partition = i < 30 ? Keys.REVIEW_DUE : Keys.reviewShard(tenant.id(), id);
            partitions.add(partition);
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(Keys.PK, AttributeValue.fromS(Keys.tenant(tenant.id())));
            item.put(Keys.SK, AttributeValue.fromS(Keys.ticket(id)));
            item.put("tenantId", AttributeValue.fromS(tenant.id()));
            item.put("id", AttributeValue.fromS(id));
            item.put("status", AttributeValue.fromS("DONE"));
            item.put("source", AttributeValue.fromS("wizard"));
            item.put("urgency", AttributeValue.fromS("MEDIUM"));
            item.put("phone", AttributeValue.fromS("+4179" + String.format("%07d", 5_000_000 + i)));
            item.put("reviewDueAt", AttributeValue.fromS(due.toString()));
            item.put(Keys.GSI2PK, AttributeValue.fromS(partition));
            item.put(Keys.GSI2SK, AttributeValue.fromS(Keys.reviewDue(due, tenant.id(), id)));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == 329) {
                List<WriteRequest> chunk = List.copyOf(batch);
                var left = TestAws.aws().dynamo().batchWriteItem(b -> b.requestItems(Map.of(table, chunk))).unprocessedItems();
                assertTrue(left.isEmpty());
                batch.clear();
            }
        }
        assertEquals(Keys.REVIEW_SHARDS + 1, partitions.size(), "every shard and the old partition hold some");
        Map<String, Object> result = run();
        assertEquals(330, result.get("due"));
        assertEquals(330, result.get("sent"));
        assertEquals(330, sent().size());
        assertEquals(0, run().get("due"), "nothing left for the next run");
    }

    @Test
    void neverWithoutReviewLinkModuleOrConsent() {
        // planned directly in the store: the staff API would not even plan these
        Tenant noLink = TestAws.newTenant(directory, "", null);
        done(noLink, "079 555 73 01", AFTERNOON);
        Tenant moduleOff = TestAws.newTenant(directory, "");
        done(moduleOff, "079 555 73 02", AFTERNOON);
        directory.put(new Tenant(moduleOff.id(), moduleOff.slug(), moduleOff.name(), moduleOff.branch(),
                Modules.of(EnumSet.of(Module.SMS, Module.WIZARD)), moduleOff.config()), List.of());
        Tenant consenting = TestAws.newTenant(directory, "");
        done(consenting, "079 555 73 03", AFTERNOON);
        app.optOuts().optOut(consenting.id(), "+41795557303", AFTERNOON);
        clock.advance(Duration.ofHours(3));
        Map<String, Object> result = run();
        assertEquals(3, result.get("skipped"));
        assertEquals(0, result.get("sent"));
        assertTrue(sent().isEmpty());
        assertEquals(0, run().get("due"), "skipped for good");
    }

    @Test
    void movingBackOutOfDoneCancelsThePlannedRequest() {
        Tenant tenant = TestAws.newTenant(directory, "");
        Ticket ticket = done(tenant, "079 555 74 01", AFTERNOON);
        app.tickets().changeStatus(tenant.id(), ticket.id(), TicketStatus.DONE, TicketStatus.IN_PROGRESS, "Nacharbeit",
                AFTERNOON.plusSeconds(600));
        clock.advance(Duration.ofHours(3));
        assertEquals(0, run().get("due"));
        assertNull(app.tickets().find(tenant.id(), ticket.id()).orElseThrow().reviewDueAt());
    }

    @Test
    void cronRouteNeedsTheCronSecret() {
        Map<String, Object> event = new HashMap<>();
        event.put("routeKey", "POST /api/cron/review-request");
        event.put("requestContext", Map.of("http", Map.of("method", "POST")));
        event.put("headers", Map.of());
        assertEquals(401, handler.handle(event).get("statusCode"));
        event.put("headers", Map.of("authorization", "Bearer wrong"));
        assertEquals(403, handler.handle(event).get("statusCode"));
        event.put("headers", Map.of("authorization", "Bearer dev-cron-secret"));
        Map<String, Object> ok = handler.handle(event);
        assertEquals(200, ok.get("statusCode"));
        assertTrue(String.valueOf(ok.get("body")).contains("\"sent\":0"));
    }

    /**
     * What the cron reads depends on what is due, not on the size of the table: the same ten
     * due tickets cost the same read units among 1,000 or 4,000 others (done long ago, planned
     * for later, or never in the queue).
     */
    @Test
    void readCostDoesNotGrowWithTheTable() {
        Tenant tenant = TestAws.newTenant(directory, "");
        for (int i = 0; i < 10; i++) {
            done(tenant, "079 555 75 " + String.format("%02d", i), AFTERNOON);
        }
        clock.advance(Duration.ofHours(2).plusMinutes(1));
        fill(tenant, 1_000);
        double small = readUnitsOfADueScan();
        fill(tenant, 3_000);
        double large = readUnitsOfADueScan();
        assertTrue(small > 0, "dynalite reports consumed capacity");
        assertTrue(large / small <= 1.1, "1,000 others: " + small + " RCU, 4,000 others: " + large + " RCU");
    }

    private double readUnitsOfADueScan() {
        double units = 0;
        ReviewQueue.Cursor next = null;
        int seen = 0;
        for (String partition : app.reviews().partitions()) {
            do {
                var page = app.reviews().due(partition, clock.instant(), ReviewRequests.PAGE, next);
                units += page.consumedReadUnits();
                seen += page.tickets().size();
                next = page.next();
            } while (next != null);
        }
        assertEquals(10, seen);
        return units;
    }

    /** Tickets that are not due: a third planned for next week, the rest finished or open, not queued. */
    private void fill(Tenant tenant, int count) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "20261101-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(Keys.PK, AttributeValue.fromS(Keys.tenant(tenant.id())));
            item.put(Keys.SK, AttributeValue.fromS(Keys.ticket(id)));
            item.put("tenantId", AttributeValue.fromS(tenant.id()));
            item.put("id", AttributeValue.fromS(id));
            item.put("status", AttributeValue.fromS(i % 3 == 0 ? "DONE" : "CLOSED"));
            item.put("message", AttributeValue.fromS("Filler ticket number " + i + " with a message of ordinary length."));
            if (i % 3 == 0) {
                Instant later = clock.instant().plus(Duration.ofDays(7));
                item.put("reviewDueAt", AttributeValue.fromS(later.toString()));
                item.put(Keys.GSI2PK, AttributeValue.fromS(Keys.reviewShard(tenant.id(), id)));
                item.put(Keys.GSI2SK, AttributeValue.fromS(Keys.reviewDue(later, tenant.id(), id)));
            }
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                List<WriteRequest> chunk = List.copyOf(batch);
                var left = TestAws.aws().dynamo().batchWriteItem(b -> b.requestItems(Map.of(table, chunk))).unprocessedItems();
                while (!left.isEmpty()) {
                    var retry = left;
                    left = TestAws.aws().dynamo().batchWriteItem(b -> b.requestItems(retry)).unprocessedItems();
                }
                batch.clear();
            }
        }
    }

    /** SnapStart priming runs the request path but only reads: a snapshot is restored many times. */
    @org.junit.jupiter.api.Test
    void primingOnlyReads() {
        RequestCounter counter = new RequestCounter();
        new ReviewCronWiring(clock, counter.dynamo(), table, counter.sqs(), queue, (sms, at, zone) -> {
                    throw new AssertionError("priming defers nothing");
                }, TestAws.SETTINGS).warmUp();
        assertTrue(!counter.operations().isEmpty(), "priming reached the table");
        assertTrue(java.util.Set.of("DynamoDb.GetItem", "DynamoDb.BatchGetItem", "DynamoDb.Query", "Sqs.GetQueueAttributes").containsAll(counter.operations()), "only reads: " + counter.operations());
    }
}
