package ch.opsfabric.messaging;

import java.time.Instant;

/** Numbers that replied STOP to a tenant. Checked again by sms-sender right before sending. */
public interface OptOuts {

    boolean isOptedOut(String tenantId, String e164);

    /** @return true when the number was not opted out before (so it gets one confirmation) */
    boolean optOut(String tenantId, String e164, Instant at);

    /** @return true when the number was opted out before */
    boolean optIn(String tenantId, String e164);
}
