package ch.opsfabric.ticket;

import java.time.LocalDate;

/** Calls that cannot become a ticket (withheld numbers), counted per tenant and day. */
public interface CallStats {

    /** @return false when this call was counted before (a provider's retry) */
    boolean countWithheld(String tenantId, LocalDate day, String callId);
}
