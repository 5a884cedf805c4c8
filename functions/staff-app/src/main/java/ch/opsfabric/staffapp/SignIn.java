package ch.opsfabric.staffapp;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.crypto.Tokens;
import ch.opsfabric.intake.RateLimiter;
import ch.opsfabric.log.Log;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.staff.LoginCodes;
import ch.opsfabric.staff.Sessions;
import ch.opsfabric.staff.StaffDirectory;
import ch.opsfabric.staff.StaffMember;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.ticket.Urgency;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in to the staff app with a code sent by SMS. Every number gets the same answer, known
 * or not; a code is valid {@link #CODE_LIFETIME} for {@link LoginCodes#MAX_TRIES} tries; codes
 * are rate-limited per number and per client address. A session belongs to one tenant.
 */
final class SignIn {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    sealed interface CodeRequest {
    }

    /** The same for every valid number: whether an SMS went out is not told. */
    record CodeSent(String attemptId) implements CodeRequest {
    }

    record NotANumber() implements CodeRequest {
    }

    record TooMany() implements CodeRequest {
    }

    sealed interface Verification {
    }

    record SignedIn(String token, Sessions.Session session) implements Verification {
    }

    record WrongCode(int triesLeft) implements Verification {
    }

    /** Unknown, expired or out of tries: a new code is needed. */
    record CodeSpent() implements Verification {
    }

    /** The code was right, but the number works for no business with the dashboard on. */
    record NoAccess() implements Verification {
    }

    /** Who is signed in, to which tenant, with which session. */
    record Staff(Tenant tenant, StaffMember member, Sessions.Session session, String tokenHash) {
    }

    private final Clock clock;
    private final TenantDirectory tenants;
    private final StaffDirectory staff;
    private final LoginCodes codes;
    private final Sessions sessions;
    private final RateLimiter perNumber;
    private final RateLimiter perClient;
    private final SmsDispatch sms;
    private final SmsTemplates templates;

    SignIn(Clock clock, TenantDirectory tenants, StaffDirectory staff, LoginCodes codes, Sessions sessions,
           RateLimiter perNumber, RateLimiter perClient, SmsDispatch sms, SmsTemplates templates) {
        this.clock = clock;
        this.tenants = tenants;
        this.staff = staff;
        this.codes = codes;
        this.sessions = sessions;
        this.perNumber = perNumber;
        this.perClient = perClient;
        this.sms = sms;
        this.templates = templates;
    }

    CodeRequest requestCode(String rawMobile, String clientAddress) {
        if (!(PhoneNumbers.parse(rawMobile) instanceof Phone.Number mobile)) {
            return new NotANumber();
        }
        Instant now = clock.instant();
        if (!perClient.tryAcquire("login-client", clientAddress, now) || !perNumber.tryAcquire("login-number", mobile.e164(), now)) {
            return new TooMany();
        }
        String attemptId = Tokens.random();
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        codes.start(attemptId, mobile.e164(), hash(attemptId, code), now.plus(CODE_LIFETIME));
        List<Membership> memberships = memberships(mobile.e164());
        if (!memberships.isEmpty()) {
            Membership first = memberships.get(0);
            sms.send(first.tenant(), new OutboundSms(first.tenant().id(), mobile.e164(),
                    templates.render(SmsTemplates.Name.LOGIN_CODE, Map.of("business", first.tenant().name(), "code", code)),
                    SmsKind.LOGIN_CODE, Urgency.HIGH, "login:" + attemptId, null, now));
        }
        Log.info("staff.code_requested", Map.of("to", mobile.masked(), "known", !memberships.isEmpty()));
        return new CodeSent(attemptId);
    }

    Verification verify(String attemptId, String code, String clientAddress) {
        if (attemptId == null || !Tokens.looksValid(attemptId)) {
            return new CodeSpent();
        }
        Instant now = clock.instant();
        String digits = code == null ? "" : code.replaceAll("\\s", "");
        LoginCodes.Check check = codes.verify(attemptId, hash(attemptId, digits), now);
        if (check instanceof LoginCodes.Wrong wrong) {
            return new WrongCode(wrong.triesLeft());
        }
        if (!(check instanceof LoginCodes.Accepted accepted)) {
            return new CodeSpent();
        }
        List<Membership> memberships = memberships(accepted.mobile());
        if (memberships.isEmpty()) {
            return new NoAccess();
        }
        // one number, several businesses: the first; the app offers the others to switch to
        return open(memberships.get(0), now);
    }

    private SignedIn open(Membership membership, Instant now) {
        String token = Tokens.random() + Tokens.random();
        Sessions.Session session = new Sessions.Session(membership.tenant().id(), membership.member().id(), Tokens.random(), now);
        sessions.create(Hashes.sha256Hex(token), session);
        Log.info("staff.signed_in", Map.of("tenant", membership.tenant().id(), "member", membership.member().id()));
        return new SignedIn(token, session);
    }

    /** The businesses this member's number may switch to (the current one included), by name. */
    List<Tenant> businessesOf(Staff staff) {
        return memberships(staff.member().mobile()).stream().map(Membership::tenant).toList();
    }

    /**
     * Another business of the same verified number: a new session there, the old one ended.
     * Empty when this number is no member there (or its app is off).
     */
    Optional<SignedIn> switchTo(Staff staff, String tenantId) {
        Optional<Membership> target = memberships(staff.member().mobile()).stream()
                .filter(m -> m.tenant().id().equals(tenantId)).findFirst();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        sessions.delete(staff.tokenHash());
        return Optional.of(open(target.get(), clock.instant()));
    }

    /** The signed-in staff member behind a session cookie, if the session is alive and the member still exists. */
    Optional<Staff> current(String token) {
        if (token == null || token.length() != 44) {
            return Optional.empty();
        }
        String tokenHash = Hashes.sha256Hex(token);
        return sessions.use(tokenHash, clock.instant()).flatMap(session -> tenants.byId(session.tenantId())
                .flatMap(tenant -> staff.find(tenant.id(), session.memberId())
                        .map(member -> new Staff(tenant, member, session, tokenHash))));
    }

    void signOut(Staff staff) {
        sessions.delete(staff.tokenHash());
    }

    private record Membership(Tenant tenant, StaffMember member) {
    }

    private List<Membership> memberships(String e164) {
        return staff.byMobile(e164).stream()
                .flatMap(m -> tenants.byId(m.tenantId()).filter(t -> t.has(Module.DASHBOARD))
                        .map(t -> new Membership(t, m)).stream())
                .toList();
    }

    /** Bound to its attempt: the same code of another attempt does not match. */
    static String hash(String attemptId, String code) {
        return java.util.HexFormat.of().formatHex(Hashes.hmac("HmacSHA256", attemptId, code.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
