package ch.opsfabric.testing.fakes;

import ch.opsfabric.staff.LoginCodes;
import ch.opsfabric.staff.Sessions;
import ch.opsfabric.staff.StaffDirectory;
import ch.opsfabric.staff.StaffMember;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The staff app's stores in memory: members, sign-in attempts (with the try limit) and sessions (with idle expiry). */
public final class InMemoryStaff {

    private InMemoryStaff() {
    }

    public static final class Directory implements StaffDirectory {
        private final Map<String, StaffMember> members = new LinkedHashMap<>();

        @Override
        public synchronized List<StaffMember> byMobile(String e164) {
            return members.values().stream().filter(m -> m.mobile().equals(e164)).toList();
        }

        @Override
        public synchronized Optional<StaffMember> find(String tenantId, String memberId) {
            return Optional.ofNullable(members.get(tenantId + "|" + memberId));
        }

        @Override
        public synchronized List<StaffMember> list(String tenantId) {
            return new ArrayList<>(members.values().stream().filter(m -> m.tenantId().equals(tenantId)).toList());
        }

        @Override
        public synchronized void put(StaffMember member) {
            members.put(member.tenantId() + "|" + member.id(), member);
        }

        @Override
        public synchronized boolean remove(String tenantId, String memberId) {
            return members.remove(tenantId + "|" + memberId) != null;
        }
    }

    public static final class Codes implements LoginCodes {
        private record Attempt(String mobile, String hash, Instant until, int tries) {
        }

        private final Map<String, Attempt> attempts = new HashMap<>();

        @Override
        public synchronized void start(String attemptId, String mobile, String codeHash, Instant expiresAt) {
            attempts.put(attemptId, new Attempt(mobile, codeHash, expiresAt, 0));
        }

        @Override
        public synchronized Check verify(String attemptId, String codeHash, Instant now) {
            Attempt a = attempts.get(attemptId);
            if (a == null || a.tries() >= MAX_TRIES || !a.until().isAfter(now)) {
                return new Spent();
            }
            Attempt counted = new Attempt(a.mobile(), a.hash(), a.until(), a.tries() + 1);
            if (a.hash().equals(codeHash)) {
                attempts.remove(attemptId);
                return new Accepted(a.mobile());
            }
            attempts.put(attemptId, counted);
            return counted.tries() >= MAX_TRIES ? new Spent() : new Wrong(MAX_TRIES - counted.tries());
        }
    }

    public static final class SessionStore implements Sessions {
        private final Map<String, Session> sessions = new HashMap<>();

        @Override
        public synchronized void create(String tokenHash, Session session) {
            sessions.put(tokenHash, session);
        }

        @Override
        public synchronized Optional<Session> use(String tokenHash, Instant now) {
            Session s = sessions.get(tokenHash);
            if (s == null || !s.lastSeenAt().plus(IDLE).isAfter(now)) {
                return Optional.empty();
            }
            Session touched = new Session(s.tenantId(), s.memberId(), s.csrf(), now);
            sessions.put(tokenHash, touched);
            return Optional.of(touched);
        }

        @Override
        public synchronized void delete(String tokenHash) {
            sessions.remove(tokenHash);
        }
    }
}
