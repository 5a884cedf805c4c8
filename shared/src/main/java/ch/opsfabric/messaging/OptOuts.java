package ch.opsfabric.messaging;

import java.time.Instant;

/** Numbers that replied STOP to a tenant. Checked again by sms-sender right before sending. */
public interface OptOuts {

    boolean isOptedOut(String tenantId, String e164);

    void optOut(String tenantId, String e164, Instant at);

    void optIn(String tenantId, String e164);
}
