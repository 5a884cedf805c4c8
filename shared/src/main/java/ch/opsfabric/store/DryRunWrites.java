package ch.opsfabric.store;

import ch.opsfabric.app.DryRun;
import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantJson;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.TicketEvent;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import ch.opsfabric.ticket.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Priming for the table's writes: every kind of write the stores make (create or join a ticket,
 * a status move, an SMS window, an opt-out, a rate-limit count, an SMS ledger claim, a contact's
 * pointers and update, a mail thread), built,
 * marshalled and signed through a {@link DryRun} client and stopped before it is sent.
 */
public final class DryRunWrites {

    private DryRunWrites() {
    }

    /** A tenant that exists nowhere, for code that needs one. */
    public static Tenant sampleTenant() {
        return TenantJson.read(Json.parse("{\"id\":\"dry-run\",\"slug\":\"dry-run\",\"name\":\"OpsFabric\","
                + "\"branch\":\"handwerk\",\"config\":{\"phoneLines\":[\"+41445550000\"],\"ownerMobile\":\"+41795550000\"}}"));
    }

    public static OutboundSms sampleSms(Instant now) {
        return new OutboundSms("dry-run", "+41795550000", "OpsFabric", SmsKind.TICKET_CONFIRMATION, Urgency.MEDIUM,
                "dry-run", null, now);
    }

    public static void warm(Instant now) {
        try (DynamoDbClient dynamo = DryRun.dynamo()) {
            warm(SingleTable.of(dynamo, "dry-run"), now);
        }
    }

    private static void warm(SingleTable table, Instant now) {
        Tenant tenant = sampleTenant();
        DynamoTicketStore tickets = new DynamoTicketStore(table);
        NewContact contact = new NewContact(tenant.id(), PhoneNumbers.require("+41795550000"), TicketSource.MISSED_CALL,
                Urgency.MEDIUM, TicketStatus.NEEDS_CALLBACK, null, null, null, null, "dry run", Map.of(), now, "dry-run");
        DryRun.attempt(() -> new TicketIntake(tickets).record(tenant, contact));
        DryRun.attempt(() -> tickets.changeStatus(tenant.id(), "dry-run", new TicketStore.StatusChange(
                TicketStatus.NEEDS_CALLBACK, TicketStatus.SCHEDULED, null, now, now, null)));
        DryRun.attempt(() -> new DynamoSmsWindows(table).tryOpen(tenant.id(), "menu", "+41795550000", "dry-run", now,
                Duration.ofMinutes(15)));
        DryRun.attempt(() -> new DynamoOptOuts(table).optOut(tenant.id(), "+41795550000", now));
        DryRun.attempt(() -> new DynamoRateLimiter(table, 10).tryAcquire("dry-run", "dry-run", now));
        DryRun.attempt(() -> new DynamoSmsLedger(table).claim(sampleSms(now), "console", now, Duration.ofMinutes(2)));
        // who a contact is: the pointers' batch read, a claim, the contact's one update; a mail thread
        DynamoContactBook contacts = new DynamoContactBook(table);
        ch.opsfabric.contact.ContactRef person = ch.opsfabric.contact.ContactRef.forSeed(tenant.id(), "tel:+41795550000");
        DryRun.attempt(() -> contacts.pointers(tenant.id(), List.of("tel:+41795550000", "mail:dry-run@opsfabric.ch")));
        DryRun.attempt(() -> contacts.claim(tenant.id(), "tel:+41795550000", person, now));
        DryRun.attempt(() -> contacts.record(tenant.id(), person, ch.opsfabric.contact.ContactBook.Change.of(
                List.of("tel:+41795550000"), "OpsFabric", null).withTicket("dry-run"), now));
        DryRun.attempt(() -> new DynamoMailThreads(table).remember(tenant.id(), "<dry-run@opsfabric.ch>", "dry-run", now));
        // what a write answers (ALL_NEW) is mapped back into a ticket: that mapping, on a made-up item
        TicketItem.SCHEMA.mapToItem(storedTicket(now)).toTicket();
    }

    /** A ticket item as a create-or-join answers it. */
    static Map<String, AttributeValue> storedTicket(Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, AttributeValue.fromS(Keys.tenant("dry-run")));
        item.put(Keys.SK, AttributeValue.fromS(Keys.ticket("dry-run")));
        item.put("tenantId", AttributeValue.fromS("dry-run"));
        item.put("id", AttributeValue.fromS("20260101-DRYRUN000000"));
        item.put("reference", AttributeValue.fromS("K-0101-DRYR"));
        item.put("source", AttributeValue.fromS(TicketSource.MISSED_CALL.wireName()));
        item.put("status", AttributeValue.fromS(TicketStatus.NEEDS_CALLBACK.name()));
        item.put("urgency", AttributeValue.fromS(Urgency.MEDIUM.name()));
        item.put("urgencyRank", AttributeValue.fromN(Integer.toString(Urgency.MEDIUM.rank())));
        item.put("phone", AttributeValue.fromS("+41795550000"));
        item.put("message", AttributeValue.fromS("dry run"));
        item.put("contactCount", AttributeValue.fromN("1"));
        item.put("contactIds", AttributeValue.fromSs(List.of("dry-run")));
        item.put("history", AttributeValue.fromL(List.of(AttributeValue.fromM(TicketItem.EVENT_SCHEMA.itemToMap(
                TicketItem.EventItem.of(TicketEvent.contact(now, TicketSource.MISSED_CALL, "dry run")), true)))));
        item.put("localDate", AttributeValue.fromS("2026-01-01"));
        item.put("createdAt", AttributeValue.fromS(now.toString()));
        item.put("updatedAt", AttributeValue.fromS(now.toString()));
        item.put("slaDueAt", AttributeValue.fromS(now.toString()));
        return item;
    }
}
