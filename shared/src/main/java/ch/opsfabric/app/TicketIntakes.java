package ch.opsfabric.app;

import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.staff.StaffNotices;
import ch.opsfabric.store.DynamoDailyStats;
import ch.opsfabric.store.DynamoStaffDirectory;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketStore;
import java.time.Clock;

/**
 * The intake every channel's function builds the same way: tickets in the table, one contact per
 * person, the day's ROI figures counted, and the staff who asked for it told at once about an
 * urgent ticket.
 */
public final class TicketIntakes {

    private TicketIntakes() {
    }

    public static TicketIntake inTable(SingleTable table, TicketStore tickets, SmsDispatch sms, Clock clock,
                                       String publicBaseUrl) {
        return new TicketIntake(tickets, new DynamoDailyStats(table),
                new StaffNotices(new DynamoStaffDirectory(table), sms, clock, publicBaseUrl), contacts(table, tickets));
    }

    /**
     * The SMS dispatch every function that writes to customers builds: the outbound queue, the
     * deferral, and WhatsApp for customers who write there (their windows in the table).
     */
    public static ch.opsfabric.messaging.SmsDispatch dispatch(SingleTable table, ch.opsfabric.messaging.SqsSmsOutbox outbox,
            ch.opsfabric.messaging.DeferredDelivery deferred, Clock clock) {
        return new ch.opsfabric.messaging.SmsDispatch(outbox, deferred, clock, new ch.opsfabric.messaging.WhatsAppRouting(
                new ch.opsfabric.store.DynamoWhatsAppWindows(table), outbox));
    }

    /** E-mail confirmations through the outbound queue, their Message-IDs noted in the table. */
    public static ch.opsfabric.mail.EmailConfirmations emailConfirmations(SingleTable table,
            ch.opsfabric.messaging.EmailOutbox outbox, ch.opsfabric.messaging.SmsTemplates templates) {
        return new ch.opsfabric.mail.EmailConfirmations(outbox, new ch.opsfabric.store.DynamoMailThreads(table), templates,
                Cloud.mailSettings());
    }

    /** The tenant's contacts in the table; a merge moves tickets through {@code tickets}. */
    public static ch.opsfabric.contact.Contacts contacts(SingleTable table, TicketStore tickets) {
        return new ch.opsfabric.contact.Contacts(new ch.opsfabric.store.DynamoContactBook(table), tickets::reassignContact);
    }
}
