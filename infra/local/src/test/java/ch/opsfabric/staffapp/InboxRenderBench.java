package ch.opsfabric.staffapp;

import ch.opsfabric.app.Secrets;
import ch.opsfabric.app.Settings;
import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.http.SyntheticRequests;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.staff.Sessions;
import ch.opsfabric.store.DynamoSessions;
import ch.opsfabric.store.DynamoStaffDirectory;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import ch.opsfabric.infra.emulators.FreePort;
import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.json.Json;
import ch.opsfabric.onboarding.TenantAdmin;
import ch.opsfabric.store.DynamoTenantRegistry;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The staff inbox with 200 open tickets, warm: the page render alone (templates, in memory) and
 * the whole request through the staff-app handler in this JVM (session, the open-ticket index,
 * the counts, the render) against dynalite. Prints p50 and p99. Run it with {@code infra/bench inbox}.
 */
public final class InboxRenderBench {

    private InboxRenderBench() {
    }

    public static void main(String[] args) {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        Instant now = Instant.parse("2026-12-02T08:00:00Z");
        Clock clock = Clock.fixed(now, java.time.ZoneOffset.UTC);
        try (LocalAws aws = LocalAws.start(LocalAws.dynaliteHome(), SamTemplate.locate(), FreePort.find(), FreePort.find(), 5)) {
            SingleTable table = SingleTable.of(aws.dynamo(), aws.tableName("OpsTable"));
            TenantAdmin admin = new TenantAdmin(clock, new DynamoTenantRegistry(table), slug -> { }, slug -> "bench",
                    new DynamoStaffDirectory(table));
            Tenant tenant = admin.create(Json.parse("""
                    {"slug":"bench-maler","name":"Bench Maler","branch":"handwerk","lines":["+41445550909"],
                     "ownerMobile":"+41795550909","modules":{"dashboard":true},
                     "config":{"sms":{"provider":"console","sender":"Bench"}}}"""), "bench").tenant().tenant();
            new DynamoStaffDirectory(table).put(new ch.opsfabric.staff.StaffMember(tenant.id(), "owner", "Bea Bench",
                    "+41795550909", ch.opsfabric.staff.StaffMember.Role.OWNER));
            TicketIntake intake = new TicketIntake(new DynamoTicketStore(table));
            for (int i = 0; i < 200; i++) {
                intake.record(tenant, new NewContact(tenant.id(), PhoneNumbers.require("+4179" + String.format("%07d", i)),
                        i % 3 == 0 ? TicketSource.MISSED_CALL : TicketSource.WIZARD, i % 7 == 0 ? Urgency.HIGH : Urgency.MEDIUM,
                        i % 2 == 0 ? TicketStatus.NEW : TicketStatus.NEEDS_CALLBACK, i % 3 == 0 ? null : "Kundin " + i, null,
                        "standard", "Heizung", "Bitte zurückrufen", Map.of(), now.minusSeconds(60L * i), "bench-" + i));
            }
            String token = "b".repeat(44);
            new DynamoSessions(table).create(Hashes.sha256Hex(token), new Sessions.Session(tenant.id(), "owner", "csrf", now));
            StaffAppWiring wiring = new StaffAppWiring(clock, aws.dynamo(), aws.tableName("OpsTable"), aws.sqs(),
                    aws.queueUrl("OutboundSmsQueue"), (sms, at, zone) -> { },
                    new Settings("https://ops.example", 600, new Secrets(null, null, null, null, null, null)), key -> { });
            StaffAppHandler handler = new StaffAppHandler(wiring);
            APIGatewayV2HTTPEvent request = SyntheticRequests.request("GET", "/app/tickets", "/app/tickets", Map.of(), null);
            request.setCookies(List.of("__Host-ofs=" + token));

            // the render alone: the page of the 25 soonest due, of 200 open, with the counts
            SignIn.Staff staff = new SignIn.Staff(tenant, new ch.opsfabric.staff.StaffMember(tenant.id(), "owner",
                    "Bea Bench", "+41795550909", ch.opsfabric.staff.StaffMember.Role.OWNER),
                    new Sessions.Session(tenant.id(), "owner", "csrf", now), "hash");
            DynamoTicketStore tickets = new DynamoTicketStore(table);
            TicketDesk desk = new TicketDesk(clock, tickets, new ch.opsfabric.store.DynamoOptOuts(table), null, null, null, null);
            TicketDesk.Inbox inbox = desk.inbox(tenant, TicketDesk.Filter.OPEN, null);
            AppPages pages = new AppPages();
            long[] render = time(measured, () -> pages.inbox(staff, inbox, TicketDesk.Filter.OPEN, now, null));
            int bytes = pages.inbox(staff, inbox, TicketDesk.Filter.OPEN, now, null).length();
            long[] whole = time(Math.max(200, measured / 10), () -> {
                var response = handler.handle(request);
                if (response.getStatusCode() != 200) {
                    throw new IllegalStateException("inbox answered " + response.getStatusCode());
                }
            });
            System.out.printf("%ninbox with 200 open tickets (page of %d, %,d bytes):%n", inbox.tickets().size(), bytes);
            System.out.printf("  render only          p50 %.3f ms  p99 %.3f ms  (%,d renders)%n", ms(render, 50), ms(render, 99), render.length);
            System.out.printf("  whole request        p50 %.3f ms  p99 %.3f ms  (%,d requests: session, GSI3 page, 4 counts, render; dynalite)%n",
                    ms(whole, 50), ms(whole, 99), whole.length);
        }
    }

    private static long[] time(int n, Runnable work) {
        for (int i = 0; i < Math.min(n, 2_000); i++) {
            work.run();
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double ms(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
