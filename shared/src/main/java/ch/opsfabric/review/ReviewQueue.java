package ch.opsfabric.review;

import ch.opsfabric.ticket.Ticket;
import java.time.Instant;
import java.util.List;

/** The review requests that are due, and what the cron does with each: claim, release, drop. */
public interface ReviewQueue {

    /** Where the next page starts; opaque to the caller, passed back as it came. */
    interface Cursor {
    }

    /** A page of due tickets, where the next one starts (null: none) and what reading it cost. */
    record DuePage(List<Ticket> tickets, Cursor next, double consumedReadUnits) {
    }

    /** The index partitions (shards) a drain reads, each on its own. */
    List<String> partitions();

    /** The requests of one partition due by {@code now}, oldest first. */
    DuePage due(String partition, Instant now, int limit, Cursor startAfter);

    /**
     * Claims the ticket's review request with the link token, only if nobody claimed it before and
     * it is still finished.
     *
     * @return false when another run was first (or the ticket moved back meanwhile)
     */
    boolean claim(String tenantId, String ticketId, String token, Instant now);

    /** Undoes a claim whose SMS could not be queued, so the next run tries again. */
    void release(Ticket ticket);

    /** Takes the ticket out of the due requests for good, with the reason. */
    void drop(String tenantId, String ticketId, String reason, Instant now);

    /** A new tracked link token for the ticket's review request. */
    String createLink(String tenantId, String ticketId, Instant now);
}
