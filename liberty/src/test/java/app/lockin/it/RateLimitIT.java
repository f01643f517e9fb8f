package app.lockin.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static app.lockin.it.Fixtures.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Rate limits (SPEC §15), with small limits set for the test and the clock pinned, so that refill
 * is a move of the clock rather than a wait: writes beyond the limit answer 429 with Retry-After
 * and apply nothing; reads are never limited; replays and idempotency refusals do not count; the
 * invite budget counts only what was created, over an exact hour.
 */
@ExtendWith(ArquillianExtension.class)
class RateLimitIT {

    static final Instant T = Instant.parse("2026-04-01T10:00:00Z");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @AfterEach
    void defaultsAgain() {
        TestEnvironment.setServerVariable("LOCKIN_RATE_WRITES_PER_MINUTE", "");
        TestEnvironment.setServerVariable("LOCKIN_RATE_INVITES_PER_HOUR", "");
        TestClock.release();
    }

    static void limits(int writesPerMinute, int invitesPerHour) {
        TestEnvironment.setServerVariable("LOCKIN_RATE_WRITES_PER_MINUTE", String.valueOf(writesPerMinute));
        TestEnvironment.setServerVariable("LOCKIN_RATE_INVITES_PER_HOUR", String.valueOf(invitesPerHour));
    }

    static Api.Reply rename(TestUser user, String name) {
        return user.patch("/api/me", "{\"display_name\":\"" + name + "\"}");
    }

    static Api.Reply createGroup(TestUser user, String name, String key) {
        String body = Fixtures.GroupSpec.daily("UTC", 60).body(name);
        return key == null ? user.post("/api/groups", body)
                : Api.sendWith("POST", "/api/groups", user.token(), body, Map.of("Idempotency-Key", key));
    }

    static void assertTooMany(Api.Reply reply, String retryAfter) {
        assertProblem(reply, 429, "too_many_requests");
        assertEquals(retryAfter, reply.header("Retry-After"), reply::toString);
    }

    @Test
    void writesBeyondTheLimitAre429WithRetryAfterAndApplyNothing() {
        TestUser alice = TestUser.named("Alice Busy");
        TestUser bob = TestUser.named("Bob Calm");
        TestClock.pin(T);
        limits(5, 50);
        for (int i = 1; i <= 5; i++) {
            assertEquals(200, rename(alice, "Alice " + i).status());
        }
        String before = Db.snapshot();
        assertTooMany(createGroup(alice, "Too many " + UUID.randomUUID(), null), "12"); // 5 a minute: one every 12 s
        assertTooMany(rename(alice, "Alice 6"), "12");
        assertEquals(before, Db.snapshot(), "nothing applied");

        // reads are never limited, and the limit is per person
        for (int i = 0; i < 20; i++) {
            assertEquals(200, alice.get("/api/me").status());
        }
        assertEquals(200, rename(bob, "Bob 1").status());

        // one token comes back every 12 s
        TestClock.pin(T.plusSeconds(12));
        assertEquals(200, rename(alice, "Alice 7").status());
        assertTooMany(rename(alice, "Alice 8"), "12");
        TestClock.pin(T.plusSeconds(60));
        for (int i = 1; i <= 4; i++) {
            assertEquals(200, rename(alice, "Alice again " + i).status());
        }
    }

    @Test
    void replaysAndIdempotencyRefusalsDoNotCountAndA429IsNotStored() {
        TestUser alice = TestUser.named("Alice Retry");
        TestClock.pin(T);
        limits(3, 50);
        String name = "Counted once " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        assertEquals(201, createGroup(alice, name, key).status());
        for (int i = 0; i < 5; i++) {
            assertEquals("true", createGroup(alice, name, key).header("Idempotent-Replayed"));
            assertProblem(createGroup(alice, name + " other", key), 422, "idempotency_key_reused");
        }
        assertEquals(400, createGroup(alice, name, "").status());
        assertEquals(200, rename(alice, "Alice 2").status());
        assertEquals(200, rename(alice, "Alice 3").status());

        String other = UUID.randomUUID().toString();
        String otherName = "Later " + UUID.randomUUID();
        assertTooMany(createGroup(alice, otherName, other), "20");
        assertEquals(0, Db.count("select count(*) from idempotency_keys where user_id = ? and idempotency_key = ?",
                alice.id(), other), "a 429 releases the key");
        TestClock.pin(T.plusSeconds(20));
        Api.Reply executed = createGroup(alice, otherName, other);
        assertEquals(201, executed.status(), executed::toString);
        assertNull(executed.header("Idempotent-Replayed"));
    }

    @Test
    void theInviteBudgetCountsOnlyCreatedInvitesOverAnExactHour() {
        TestUser owner = TestUser.named("Olga Inviter");
        TestUser member = TestUser.named("Already In");
        TestClock.pin(T);
        limits(100, 3);
        UUID group = Fixtures.groupId(Fixtures.GroupSpec.daily("UTC", 60), owner, member);
        String invite = "/api/groups/" + group + ":invite";

        Fixtures.invite(owner, group, TestUser.named("Guest 1"));
        assertProblem(owner.post(invite, "{\"recipient_id\":\"" + member.id() + "\"}"), 409, "already_member"); // not counted
        Fixtures.invite(owner, group, TestUser.named("Guest 2"));
        TestClock.pin(T.plusSeconds(600));
        Fixtures.invite(owner, group, TestUser.named("Guest 3"));

        TestUser fourth = TestUser.named("Guest 4");
        String before = Db.snapshot();
        assertTooMany(owner.post(invite, "{\"recipient_id\":\"" + fourth.id() + "\"}"), "3000");
        assertEquals(before, Db.snapshot(), "nothing applied");
        // other writes are not held by the invite budget
        assertEquals(200, rename(owner, "Olga").status());

        // exact: a token bucket would have let some through by now; the hour has not passed
        TestClock.pin(T.plusSeconds(3599));
        assertTooMany(owner.post(invite, "{\"recipient_id\":\"" + fourth.id() + "\"}"), "1");
        TestClock.pin(T.plusSeconds(3600));
        Fixtures.invite(owner, group, fourth); // the two of T have left the hour
        Fixtures.invite(owner, group, TestUser.named("Guest 5"));
        assertTooMany(owner.post(invite, "{\"recipient_id\":\"" + TestUser.named("Guest 6").id() + "\"}"), "600");
    }
}
