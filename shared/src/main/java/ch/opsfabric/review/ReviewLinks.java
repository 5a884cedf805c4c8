package ch.opsfabric.review;

import java.time.Instant;
import java.util.Optional;

/** The tracked link {@code /r/{token}} of a review request: what it points at, and the first click. */
public interface ReviewLinks {

    record ReviewLink(String tenantId, String ticketId) {
    }

    Optional<ReviewLink> resolveLink(String token);

    /** @return true for the ticket's first click (the one the ROI figures count) */
    boolean recordClick(String tenantId, String ticketId, Instant now);
}
