package ch.opsfabric.staffapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.staff.StaffMember;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.fakes.CountingRateLimiter;
import ch.opsfabric.testing.fakes.InMemoryMessaging;
import ch.opsfabric.testing.fakes.InMemoryStaff;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sign-in by SMS code on in-memory stores: the same answer for every number, the code's limits, sessions. */
class SignInTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T22:30:00Z"));
    final Tenant keller = InMemoryTenants.handwerk("keller", "+41445550101", "{\"dashboard\":true}", "");
    final Tenant noApp = InMemoryTenants.handwerk("ohne", "+41445550102", "", "");
    final InMemoryStaff.Directory staff = new InMemoryStaff.Directory();
    final InMemoryStaff.SessionStore sessions = new InMemoryStaff.SessionStore();
    final InMemoryMessaging.Outbox outbox = new InMemoryMessaging.Outbox();
    final SignIn signIn = new SignIn(clock, new InMemoryTenants().add(keller).add(noApp), staff, new InMemoryStaff.Codes(),
            sessions, new CountingRateLimiter(3), new CountingRateLimiter(100),
            new SmsDispatch(outbox, (sms, at, zone) -> {
                throw new AssertionError("a sign-in code is never deferred");
            }, clock), new SmsTemplates());

    {
        staff.put(new StaffMember("keller", "peter", "Peter Keller", "+41795550101", StaffMember.Role.OWNER));
        staff.put(new StaffMember("ohne", "otto", "Otto Ohne", "+41795550109", StaffMember.Role.OWNER));
    }

    String code() {
        Matcher m = Pattern.compile("(\\d{6})").matcher(outbox.queued.get(outbox.queued.size() - 1).text());
        assertTrue(m.find());
        return m.group(1);
    }

    @Test
    void aMemberGetsACodeAtNightAndSignsIn() {
        SignIn.CodeSent sent = assertInstanceOf(SignIn.CodeSent.class, signIn.requestCode("079 555 01 01", "198.51.100.1"));
        assertEquals(1, outbox.queued.size());
        assertEquals(SmsKind.LOGIN_CODE, outbox.queued.get(0).kind());
        assertEquals("+41795550101", outbox.queued.get(0).to());
        SignIn.SignedIn in = assertInstanceOf(SignIn.SignedIn.class, signIn.verify(sent.attemptId(), code(), "198.51.100.1"));
        SignIn.Staff me = signIn.current(in.token()).orElseThrow();
        assertEquals("keller", me.tenant().id());
        assertEquals("peter", me.member().id());
        assertEquals(in.session().csrf(), me.session().csrf());
    }

    @Test
    void unknownNumbersAndBusinessesWithoutTheAppLookTheSameAndGetNothing() {
        assertInstanceOf(SignIn.CodeSent.class, signIn.requestCode("079 555 99 99", "198.51.100.1"));
        assertInstanceOf(SignIn.CodeSent.class, signIn.requestCode("+41795550109", "198.51.100.1"));
        assertEquals(0, outbox.queued.size());
        assertInstanceOf(SignIn.NotANumber.class, signIn.requestCode("keine nummer", "198.51.100.1"));
    }

    @Test
    void aCodeHasFiveTriesTenMinutesAndOneUse() {
        SignIn.CodeSent sent = (SignIn.CodeSent) signIn.requestCode("079 555 01 01", "198.51.100.1");
        String right = code();
        for (int left = 4; left >= 1; left--) {
            assertEquals(new SignIn.WrongCode(left), signIn.verify(sent.attemptId(), "000000", "198.51.100.1"));
        }
        assertInstanceOf(SignIn.CodeSpent.class, signIn.verify(sent.attemptId(), "000000", "198.51.100.1"));
        assertInstanceOf(SignIn.CodeSpent.class, signIn.verify(sent.attemptId(), right, "198.51.100.1"), "out of tries");

        SignIn.CodeSent late = (SignIn.CodeSent) signIn.requestCode("079 555 01 01", "198.51.100.1");
        clock.advance(Duration.ofMinutes(11));
        assertInstanceOf(SignIn.CodeSpent.class, signIn.verify(late.attemptId(), code(), "198.51.100.1"), "expired");

        SignIn.CodeSent once = (SignIn.CodeSent) signIn.requestCode("079 555 01 01", "198.51.100.2");
        String code = code();
        assertInstanceOf(SignIn.SignedIn.class, signIn.verify(once.attemptId(), code, "198.51.100.2"));
        assertInstanceOf(SignIn.CodeSpent.class, signIn.verify(once.attemptId(), code, "198.51.100.2"), "used once");
    }

    @Test
    void oneNumberOfTwoBusinessesSwitchesWithoutANewCode() {
        Tenant second = InMemoryTenants.handwerk("zweit", "+41445550103", "{\"dashboard\":true}", "");
        InMemoryTenants tenants = new InMemoryTenants().add(keller).add(second).add(noApp);
        staff.put(new StaffMember("zweit", "peter2", "Peter Keller", "+41795550101", StaffMember.Role.STAFF));
        SignIn two = new SignIn(clock, tenants, staff, new InMemoryStaff.Codes(), sessions, new CountingRateLimiter(3),
                new CountingRateLimiter(100), new SmsDispatch(outbox, (sms, at, zone) -> { }, clock), new SmsTemplates());
        SignIn.CodeSent sent = (SignIn.CodeSent) two.requestCode("079 555 01 01", "198.51.100.1");
        String token = ((SignIn.SignedIn) two.verify(sent.attemptId(), code(), "198.51.100.1")).token();
        SignIn.Staff inFirst = two.current(token).orElseThrow();
        assertEquals(java.util.List.of("keller", "zweit"), two.businessesOf(inFirst).stream().map(Tenant::id).toList());
        String switched = two.switchTo(inFirst, "zweit").orElseThrow().token();
        assertEquals("zweit", two.current(switched).orElseThrow().tenant().id());
        assertTrue(two.current(token).isEmpty(), "the old session ended");
        assertTrue(two.switchTo(two.current(switched).orElseThrow(), "ohne").isEmpty(), "not a member there (no app)");
    }

    @Test
    void codesAreRateLimitedPerNumber() {
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(SignIn.CodeSent.class, signIn.requestCode("079 555 01 01", "198.51.100." + i));
        }
        assertInstanceOf(SignIn.TooMany.class, signIn.requestCode("079 555 01 01", "198.51.100.9"));
    }

    @Test
    void sessionsEndAfterTwelveIdleHoursAndAtSignOutAndWithTheMember() {
        SignIn.CodeSent sent = (SignIn.CodeSent) signIn.requestCode("079 555 01 01", "198.51.100.1");
        String token = ((SignIn.SignedIn) signIn.verify(sent.attemptId(), code(), "198.51.100.1")).token();
        clock.advance(Duration.ofHours(11));
        assertTrue(signIn.current(token).isPresent(), "used within 12 hours: alive, and refreshed");
        clock.advance(Duration.ofHours(11));
        assertTrue(signIn.current(token).isPresent());
        clock.advance(Duration.ofHours(13));
        assertTrue(signIn.current(token).isEmpty(), "idle for 13 hours");

        SignIn.CodeSent again = (SignIn.CodeSent) signIn.requestCode("079 555 01 01", "198.51.100.1");
        String second = ((SignIn.SignedIn) signIn.verify(again.attemptId(), code(), "198.51.100.1")).token();
        signIn.signOut(signIn.current(second).orElseThrow());
        assertTrue(signIn.current(second).isEmpty(), "signed out");
        assertTrue(signIn.current("x".repeat(44)).isEmpty());
        assertTrue(signIn.current(null).isEmpty());
    }
}
