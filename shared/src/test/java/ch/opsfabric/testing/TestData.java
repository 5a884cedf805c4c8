package ch.opsfabric.testing;

import ch.opsfabric.store.DynamoCallStats;
import ch.opsfabric.store.DynamoFormRefs;
import ch.opsfabric.store.DynamoOptOuts;
import ch.opsfabric.store.DynamoReviewQueue;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.ticket.TicketIntake;

/**
 * A test's own view of a table, through the same stores the functions use: to set up tenants and
 * tickets and to look at what a function stored. The function under test gets its own wiring.
 */
public record TestData(SingleTable table, DynamoTenantDirectory tenants, DynamoTicketStore tickets, TicketIntake intake,
                       DynamoOptOuts optOuts, DynamoFormRefs formRefs, DynamoReviewQueue reviews,
                       DynamoCallStats callStats) {

    public static TestData of(SingleTable table) {
        DynamoTicketStore tickets = new DynamoTicketStore(table);
        // no cache: a test reads what it just wrote
        return new TestData(table, new DynamoTenantDirectory(table, 0), tickets, new TicketIntake(tickets),
                new DynamoOptOuts(table), new DynamoFormRefs(table), new DynamoReviewQueue(table), new DynamoCallStats(table));
    }
}
