package ch.opsfabric.staff;

import java.time.Instant;

/**
 * Sign-in attempts: a code sent by SMS, valid for a while and for a few tries. Only a hash of
 * the code is kept.
 */
public interface LoginCodes {

    int MAX_TRIES = 5;

    sealed interface Check {
    }

    /** The code was right: the attempt is used up, this is the number it was sent to. */
    record Accepted(String mobile) implements Check {
    }

    record Wrong(int triesLeft) implements Check {
    }

    /** Unknown, expired or out of tries: a new code is needed. */
    record Spent() implements Check {
    }

    void start(String attemptId, String mobile, String codeHash, Instant expiresAt);

    /** Counts one try and compares; never more than {@link #MAX_TRIES} tries per attempt. */
    Check verify(String attemptId, String codeHash, Instant now);
}
