package app.lockin.it;

import app.lockin.it.Fixtures.GroupSpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static app.lockin.it.SessionCalls.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §9: the archival of expired groups, by the timer (its schedule set to every 2 seconds for
 * this class, so nobody waits 5 minutes) and by operators on demand.
 */
@ExtendWith(ArquillianExtension.class)
class MaintenanceIT {

    /** The advisory lock every server's archival tick tries (ArchivalService.TICK_LOCK). */
    static final long TICK_LOCK = 0x4C4F434B41524348L;

    final TestUser owner = TestUser.named("Owner");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        // read when the application starts, so set before this class deploys it
        TestEnvironment.setServerVariable("LOCKIN_ARCHIVE_SCHEDULE", "*/2 * *");
        return Deployments.ear();
    }

    @AfterAll
    static void timerOffAgain() {
        TestEnvironment.setServerVariable("LOCKIN_ARCHIVE_SCHEDULE", "off");
    }

    @Test
    void theTimerArchivesExpiredGroupsWithinSeconds() throws Exception {
        UUID expired = expiredGroup();
        UUID running = Fixtures.groupId(owner);
        awaitStatus(expired, "archived", Duration.ofSeconds(20));
        assertEquals("active", status(running));
        assertTrue(Files.readString(TestEnvironment.messagesLog()).contains("Archival timer archived"),
                "one line for operators when it archived something");
    }

    /** SPEC §15: idempotency keys live 24 h; the same tick purges the expired ones, and only those. */
    @Test
    void theTimerPurgesIdempotencyKeysPastTheirDay() throws Exception {
        Instant now = Instant.now();
        String insert = """
                insert into idempotency_keys (user_id, idempotency_key, fingerprint, claim_token, created_at, expires_at,
                                              status, body)
                values (?, ?, sha256('x'::bytea), gen_random_uuid(), ?, ?, 201, '\\x7b7d'::bytea)""";
        Db.update(insert, owner.id(), "expired", now.minus(Duration.ofHours(25)), now.minus(Duration.ofHours(1)));
        Db.update(insert, owner.id(), "fresh", now.minus(Duration.ofHours(23)), now.plus(Duration.ofHours(1)));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Db.count("select count(*) from idempotency_keys where user_id = ? and idempotency_key = 'expired'", owner.id()) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the expired key was not purged");
            }
            Thread.sleep(200);
        }
        assertEquals(1, Db.count("select count(*) from idempotency_keys where user_id = ? and idempotency_key = 'fresh'", owner.id()));
    }

    /** Several servers on one database: a tick finds the lock taken by another server and skips. */
    @Test
    void aTickSkipsWhileAnotherServerHoldsTheArchivalLock() throws Exception {
        UUID expired;
        try (Connection otherServer = TestEnvironment.database().connect()) {
            lock(otherServer);
            expired = expiredGroup();
            Thread.sleep(5_000); // two ticks or more
            assertEquals("active", status(expired), "no tick ran while another server held the lock");
        }
        awaitStatus(expired, "archived", Duration.ofSeconds(20));
    }

    @Test
    void operatorsArchiveExpiredGroupsOnDemand() throws Exception {
        try (Connection otherServer = TestEnvironment.database().connect()) {
            lock(otherServer); // keeps the timer out, so the counts are this call's
            UUID first = expiredGroup();
            UUID second = expiredGroup();
            UUID running = Fixtures.groupId(owner);
            long expected = Db.count("select count(*) from groups where status = 'active' and end_at <= now()");

            Api.Reply reply = Api.post("/api/maintenance/archive-expired-groups", Tokens.operator("operator-1"), "{}");
            assertEquals(200, reply.status(), reply::toString);
            assertEquals(expected, reply.json().getInt("archived"));
            assertTrue(expected >= 2);
            assertEquals("archived", status(first));
            assertEquals("archived", status(second));
            assertEquals("active", status(running));

            Api.Reply again = Api.send("POST", "/api/maintenance/archive-expired-groups", Tokens.operator("operator-2"),
                    null, null);
            assertEquals(200, again.status(), again::toString);
            assertEquals(0, again.json().getInt("archived"), "idempotent");
        }
    }

    @Test
    void everyoneElseIsForbidden() throws Exception {
        try (Connection otherServer = TestEnvironment.database().connect()) {
            lock(otherServer);
            UUID expired = expiredGroup();
            assertRefused(Api.post("/api/maintenance/archive-expired-groups", owner.token(), "{}"), 403, "forbidden");
            Api.Reply anonymous = Api.post("/api/maintenance/archive-expired-groups", null, "{}");
            assertEquals(401, anonymous.status(), anonymous::toString);
            assertEquals("active", status(expired), "a refused call changes nothing");
            assertRefused(Api.post("/api/maintenance/archive-expired-groups", Tokens.operator("operator-3"),
                    "{\"dry_run\":true}"), 400, "unknown_field");
            assertEquals("active", status(expired));
        }
    }

    private UUID expiredGroup() {
        Instant now = Instant.now();
        return Fixtures.groupId(GroupSpec.daily("UTC", 60).window(now.minus(Duration.ofDays(2)), now.minusSeconds(60)),
                owner);
    }

    private static void lock(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("select pg_advisory_lock(" + TICK_LOCK + ")"); // released when the connection closes
        }
    }

    private static String status(UUID group) {
        return (String) Db.rows("select status from groups where id = ?", group).get(0).get(0);
    }

    private static void awaitStatus(UUID group, String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!status(group).equals(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("group " + group + " is still " + status(group));
            }
            Thread.sleep(200);
        }
    }
}
