package ch.opsfabric.staff;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Signed-in staff: server-side, found by the hash of the cookie's token, gone after 12 idle hours. */
public interface Sessions {

    Duration IDLE = Duration.ofHours(12);
    /** A session's last use is written at most this often: one write per five minutes, not per page. */
    Duration TOUCH_EVERY = Duration.ofMinutes(5);

    /** @param csrf the token every form of this session must send back */
    record Session(String tenantId, String memberId, String csrf, Instant lastSeenAt) {
    }

    void create(String tokenHash, Session session);

    /** The session unless it is unknown or idle for longer than {@link #IDLE}; refreshes its last use. */
    Optional<Session> use(String tokenHash, Instant now);

    void delete(String tokenHash);
}
