package ch.opsfabric.store;

import ch.opsfabric.app.DryRun;
import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantJson;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import ch.opsfabric.ticket.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Priming for the table's writes: every kind of write the stores make (create or join a ticket,
 * a status move, an SMS window, an opt-out, a rate-limit count, an SMS ledger claim), built,
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
        SingleTable table = SingleTable.of(DryRun.dynamo(), "dry-run");
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
    }
}
