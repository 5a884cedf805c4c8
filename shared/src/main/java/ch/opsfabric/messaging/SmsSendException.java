package ch.opsfabric.messaging;

/**
 * A provider did not take the message. Permanent failures (invalid number, rejected content,
 * bad credentials) are recorded and not retried; transient ones (5xx, timeouts) are retried
 * through the queue and end in the DLQ.
 */
public final class SmsSendException extends Exception {

    private final boolean permanent;

    public SmsSendException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public SmsSendException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
