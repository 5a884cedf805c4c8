package ch.opsfabric.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.messaging.WhatsAppReceipts;
import ch.opsfabric.messaging.WhatsAppWindows;
import ch.opsfabric.testing.TestAws;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** WhatsApp's windows and receipts through the real SDK against dynalite. */
class DynamoWhatsAppIT {

    private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");

    private final SingleTable table = TestAws.table();
    private final DynamoWhatsAppReceipts receipts = new DynamoWhatsAppReceipts(table);
    private final DynamoWhatsAppWindows windows = new DynamoWhatsAppWindows(table);

    @Test
    void statusesOnlyMoveForwardWhateverOrderTheyArriveIn() {
        String wamid = "wamid.it-" + System.nanoTime();
        receipts.sent(wamid, "t1", "20261201-ABCDEFGHJKMN", "wa:confirm:1", T);
        assertTrue(receipts.update(wamid, WhatsAppReceipts.Status.READ, null, T.plusSeconds(5)).orElseThrow().moved());
        WhatsAppReceipts.Receipt late = receipts.update(wamid, WhatsAppReceipts.Status.DELIVERED, null, T.plusSeconds(3))
                .orElseThrow();
        assertFalse(late.moved(), "never back from read to delivered");
        assertEquals(WhatsAppReceipts.Status.READ, late.status());
        assertFalse(receipts.update(wamid, WhatsAppReceipts.Status.READ, null, T.plusSeconds(6)).orElseThrow().moved(),
                "the same status again is no change");
        WhatsAppReceipts.Receipt failed = receipts.update(wamid, WhatsAppReceipts.Status.FAILED, "131026", T.plusSeconds(9))
                .orElseThrow();
        assertTrue(failed.moved());
        assertEquals("131026", failed.errorCode());
        assertEquals("20261201-ABCDEFGHJKMN", failed.ticketId());
        assertTrue(receipts.update("wamid.not-ours", WhatsAppReceipts.Status.DELIVERED, null, T).isEmpty());
    }

    @Test
    void theWindowIsTheLatestCustomerMessageAndALateRetryCannotShortenIt() {
        String number = "+4179555" + (1000 + (int) (System.nanoTime() % 9000));
        assertTrue(windows.lastCustomerMessage("t1", number).isEmpty());
        windows.customerWrote("t1", number, T);
        windows.customerWrote("t1", number, T.minus(Duration.ofHours(3)));
        assertEquals(T, windows.lastCustomerMessage("t1", number).orElseThrow());
        assertTrue(WhatsAppWindows.open(windows.lastCustomerMessage("t1", number), T.plus(Duration.ofHours(24))));
        assertFalse(WhatsAppWindows.open(windows.lastCustomerMessage("t1", number), T.plus(Duration.ofHours(24)).plusSeconds(1)));
    }
}
