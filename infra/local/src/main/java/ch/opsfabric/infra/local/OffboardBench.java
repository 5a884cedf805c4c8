package ch.opsfabric.infra.local;

import ch.opsfabric.infra.emulators.FreePort;
import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.json.Json;
import ch.opsfabric.onboarding.TenantAdmin;
import ch.opsfabric.onboarding.TenantRegistry;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.store.DynamoOptOuts;
import ch.opsfabric.store.DynamoTenantRegistry;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * How long offboarding takes on dynalite: a tenant with N tickets and N/10 opt-outs, removed with
 * the operator use case's bounded calls (as {@code DELETE /api/admin/tenants/{slug}} makes them),
 * reporting calls, items and items per second. Run it with {@code infra/bench offboard [tickets]}.
 */
public final class OffboardBench {

    private OffboardBench() {
    }

    public static void main(String[] args) {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        try (LocalAws aws = LocalAws.start(LocalAws.dynaliteHome(), SamTemplate.locate(), FreePort.find(), FreePort.find(), 5)) {
            SingleTable table = SingleTable.of(aws.dynamo(), aws.tableName("OpsTable"));
            TenantAdmin admin = new TenantAdmin(Clock.systemUTC(), new DynamoTenantRegistry(table), slug -> { },
                    TenantAdmin::randomTenantId, new ch.opsfabric.store.DynamoStaffDirectory(table));
            Tenant tenant = admin.create(Json.parse("""
                    {"slug":"bench-maler","name":"Bench Maler","branch":"handwerk","lines":["+41445550909"],
                     "ownerMobile":"+41795550909","config":{"sms":{"provider":"console","sender":"Bench"}}}"""),
                    "bench").tenant().tenant();
            TicketIntake intake = new TicketIntake(new DynamoTicketStore(table));
            DynamoOptOuts optOuts = new DynamoOptOuts(table);
            Instant at = Instant.parse("2026-12-01T09:00:00Z");
            long filling = System.nanoTime();
            for (int i = 0; i < tickets; i++) {
                String phone = "+4179" + String.format("%07d", i);
                intake.record(tenant, new NewContact(tenant.id(), PhoneNumbers.require(phone), TicketSource.WIZARD,
                        Urgency.MEDIUM, TicketStatus.NEW, "Kunde " + i, null, "standard", null, "Bitte zurückrufen",
                        Map.of(), at, null));
                if (i % 10 == 0) {
                    optOuts.optOut(tenant.id(), phone, at);
                }
            }
            System.out.printf("%nfilled %,d tickets and %,d opt-outs in %.1f s%n", tickets, (tickets + 9) / 10,
                    (System.nanoTime() - filling) / 1e9);
            long started = System.nanoTime();
            int calls = 0;
            int items = 0;
            TenantRegistry.Offboarding step;
            do {
                step = admin.offboard("bench-maler", "bench");
                calls++;
                items += step.deletedItems();
            } while (!step.done());
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("offboarding: %,d items in %d calls, %.1f s, %,.0f items/s (dynalite on this machine)%n",
                    items, calls, seconds, items / seconds);
        }
    }
}
