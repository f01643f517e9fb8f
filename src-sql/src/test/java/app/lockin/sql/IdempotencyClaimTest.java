package app.lockin.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static app.lockin.sql.SqlFixture.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** idempotency_claim() and the idempotency_keys table (V9, SPEC §15): the life of one key. */
class IdempotencyClaimTest {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();

    static final Instant T = at("2026-05-01T12:00:00Z");
    static final byte[] REQUEST = fingerprint(1);
    static final byte[] OTHER_REQUEST = fingerprint(2);

    final UUID user = db.profile();

    static byte[] fingerprint(int seed) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) seed;
        return bytes;
    }

    Object[] claim(String key, byte[] fingerprint, UUID token, Instant now) {
        return db.query("select * from idempotency_claim(?, ?, ?, ?, ?, interval '60 seconds', interval '24 hours')",
                user, key, fingerprint, token, now).get(0);
    }

    String outcome(String key, byte[] fingerprint, Instant now) {
        return (String) claim(key, fingerprint, UUID.randomUUID(), now)[0];
    }

    void complete(String key, UUID token) {
        assertEquals(1, db.update("""
                update idempotency_keys set status = 201, content_type = 'application/json', location = '/api/x',
                       etag = '"t"', body = '\\x7b7d'::bytea, lease_until = null
                where user_id = ? and idempotency_key = ? and claim_token = ?""", user, key, token));
    }

    @Test
    void claimedThenInFlightThenReplayed() {
        UUID token = UUID.randomUUID();
        assertEquals("claimed", claim("k1", REQUEST, token, T)[0]);
        assertEquals("in_flight", outcome("k1", REQUEST, T.plusSeconds(59)));
        assertEquals("reused", outcome("k1", OTHER_REQUEST, T.plusSeconds(1)), "another request: checked first");
        complete("k1", token);
        Object[] replay = claim("k1", REQUEST, UUID.randomUUID(), T.plusSeconds(120));
        assertEquals("replay", replay[0]);
        assertEquals(201, ((Number) replay[1]).intValue());
        assertEquals("application/json", replay[2]);
        assertEquals("/api/x", replay[3]);
        assertEquals("\"t\"", replay[4]);
        assertArrayEquals("{}".getBytes(), (byte[]) replay[5]);
        assertEquals("reused", outcome("k1", OTHER_REQUEST, T.plusSeconds(120)));
    }

    @Test
    void aDeadClaimIsTakenOverByTheSameRequestOnceItsLeaseHasPassed() {
        UUID dead = UUID.randomUUID();
        assertEquals("claimed", claim("k2", REQUEST, dead, T)[0]);
        assertEquals("reused", outcome("k2", OTHER_REQUEST, T.plusSeconds(60)), "never by another request");
        UUID retry = UUID.randomUUID();
        assertEquals("claimed", claim("k2", REQUEST, retry, T.plusSeconds(60))[0]);
        assertEquals(retry, db.queryOne("select claim_token from idempotency_keys where user_id = ? and idempotency_key = 'k2'", user));
        // the dead request, if it ever came back, could no longer store its answer
        assertEquals(0, db.update("update idempotency_keys set status = 200, lease_until = null "
                + "where user_id = ? and idempotency_key = 'k2' and claim_token = ?", user, dead));
    }

    @Test
    void anExpiredKeyStartsAfresh() {
        UUID token = UUID.randomUUID();
        claim("k3", REQUEST, token, T);
        complete("k3", token);
        assertEquals("replay", outcome("k3", REQUEST, T.plus(Duration.ofHours(24)).minusNanos(1000)));
        assertEquals("claimed", outcome("k3", OTHER_REQUEST, T.plus(Duration.ofHours(24))));
        assertEquals(1L, (long) db.<Long>queryOne(
                "select count(*) from idempotency_keys where user_id = ? and idempotency_key = 'k3' and status is null", user));
    }

    @Test
    void keysArePerUserAndGoWithTheProfile() {
        UUID other = db.profile();
        assertEquals("claimed", outcome("shared", REQUEST, T));
        assertEquals("claimed", (String) db.query("select outcome from idempotency_claim(?, 'shared', ?, ?, ?, "
                + "interval '60 seconds', interval '24 hours')", other, OTHER_REQUEST, UUID.randomUUID(), T).get(0)[0]);
        db.update("delete from auth_identities where profile_id = ?", other);
        db.update("delete from profiles where id = ?", other);
        assertEquals(0L, (long) db.<Long>queryOne("select count(*) from idempotency_keys where user_id = ?", other));
    }

    @Test
    void theTableRefusesMalformedKeysAndStored5xx() {
        SqlFixture.assertRejected(SqlFixture.CHECK_VIOLATION, "idempotency_keys_key_format",
                () -> outcome("caf\u00e9", REQUEST, T));
        SqlFixture.assertRejected(SqlFixture.CHECK_VIOLATION, "idempotency_keys_key_format",
                () -> outcome("", REQUEST, T));
        UUID token = UUID.randomUUID();
        claim("k5", REQUEST, token, T);
        SqlFixture.assertRejected(SqlFixture.CHECK_VIOLATION, "idempotency_keys_stored_status",
                () -> db.update("update idempotency_keys set status = 503, lease_until = null "
                        + "where user_id = ? and idempotency_key = 'k5'", user));
    }
}
