package ch.opsfabric.messaging;

import java.time.Instant;
import java.util.Optional;

/**
 * Which ticket a customer's next SMS answers: a staff member who writes from a ticket opens a
 * thread, and the customer's reply lands on that ticket's timeline, even days later.
 */
public interface SmsThreads {

    void open(String tenantId, String e164, String ticketId, Instant until);

    Optional<String> ticketOf(String tenantId, String e164, Instant now);
}
