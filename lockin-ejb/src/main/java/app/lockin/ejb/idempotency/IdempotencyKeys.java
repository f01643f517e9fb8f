package app.lockin.ejb.idempotency;

import app.lockin.ejb.common.LockinClock;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Idempotency keys in PostgreSQL (SPEC §15), so that a retry landing on another server is
 * recognised too. A keyed write goes through three steps:
 * <ol>
 *   <li>{@link #claim} commits the claim in a transaction of its own, <em>before</em> the
 *       business work starts, so a concurrent retry sees it (409) instead of executing the write
 *       a second time;</li>
 *   <li>the business work and {@link #storeWithWrite} commit together, in the write's own
 *       transaction (the web layer opens it around the request): the effect and its answer exist
 *       both or neither, so no crash can leave an effect whose retry would execute again;</li>
 *   <li>a refusal changed nothing, so its answer is stored afterwards on its own
 *       ({@link #storeRefusal}); an answer that must not be replayed (5xx, 401, 429) frees the
 *       key instead ({@link #release}).</li>
 * </ol>
 * A server that dies during step 2 leaves a claim without an answer and no effect: a retry of the
 * same request takes it over once its lease ({@value #LEASE}, default {@link #DEFAULT_LEASE}) has
 * passed. Should the first request still be running then, its own store finds the claim taken
 * and its transaction rolls back, so only one of the two commits an effect. Costs one insert
 * before and one update (or delete) after each keyed write.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class IdempotencyKeys {

    /** How long a claim without an answer holds its key (ISO-8601 duration). */
    public static final String LEASE = "LOCKIN_IDEMPOTENCY_LEASE";
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
    /** How long an answer is kept and replayed (SPEC §15). */
    public static final Duration TIME_TO_LIVE = Duration.ofHours(24);

    /** The advisory lock of the purge, so that servers ticking together purge once ("LOCKIDEM"). */
    static final long PURGE_LOCK = 0x4C4F434B4944454DL;

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @Inject
    private LockinClock clock;

    /**
     * Claims {@code key} of {@code userId} for the request with this fingerprint (SHA-256 of its
     * method, path with query and body bytes), or says why not.
     */
    public Claim claim(UUID userId, String key, byte[] fingerprint) {
        UUID token = UUID.randomUUID();
        Tuple row = (Tuple) em.createNativeQuery("""
                        select outcome, stored_status, stored_content_type, stored_location, stored_etag, stored_body
                        from idempotency_claim(?1, ?2, ?3, ?4, ?5, make_interval(secs => ?6), make_interval(secs => ?7))""",
                        Tuple.class)
                .setParameter(1, userId)
                .setParameter(2, key)
                .setParameter(3, fingerprint)
                .setParameter(4, token)
                .setParameter(5, clock.now())
                .setParameter(6, (double) lease().toMillis() / 1000)
                .setParameter(7, (double) TIME_TO_LIVE.toSeconds())
                .getSingleResult();
        String outcome = row.get("outcome", String.class);
        return switch (outcome) {
            case "claimed" -> new Claim.Claimed(token);
            case "reused" -> new Claim.Reused();
            case "in_flight" -> new Claim.InFlight();
            case "replay" -> new Claim.Replay(new StoredAnswer(row.get("stored_status", Number.class).intValue(),
                    absentIfEmpty(row.get("stored_content_type", String.class)),
                    absentIfEmpty(row.get("stored_location", String.class)),
                    absentIfEmpty(row.get("stored_etag", String.class)), row.get("stored_body", byte[].class)));
            default -> throw new IllegalStateException("idempotency_claim answered " + outcome);
        };
    }

    /**
     * Stores the answer of the claim {@code token} in the transaction of the write it answers, so
     * that both commit or neither does. The caller must roll back unless this answers
     * {@link Stored#STORED} or {@link Stored#KEY_DELETED}.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Stored storeWithWrite(UUID userId, String key, UUID token, StoredAnswer answer) {
        return store(userId, key, token, answer);
    }

    /** Stores the answer of a refusal, which changed nothing, in a transaction of its own. */
    public Stored storeRefusal(UUID userId, String key, UUID token, StoredAnswer answer) {
        return store(userId, key, token, answer);
    }

    /** What became of an answer to store. */
    public enum Stored {
        /** Stored: it is replayed to every retry. */
        STORED,
        /** The key is gone with its profile (the request deleted the account): nothing to replay to. */
        KEY_DELETED,
        /** Another request holds the claim now (this one outlived its lease): this answer must not count. */
        CLAIM_TAKEN
    }

    private Stored store(UUID userId, String key, UUID token, StoredAnswer answer) {
        int updated = em.createNativeQuery("""
                        update idempotency_keys
                        set status = ?4, content_type = ?5, location = ?6, etag = ?7, body = ?8, lease_until = null
                        where user_id = ?1 and idempotency_key = ?2 and claim_token = ?3 and status is null""")
                .setParameter(1, userId)
                .setParameter(2, key)
                .setParameter(3, token)
                .setParameter(4, (short) answer.status())
                .setParameter(5, answer.contentType() == null ? "" : answer.contentType())
                .setParameter(6, answer.location() == null ? "" : answer.location())
                .setParameter(7, answer.etag() == null ? "" : answer.etag())
                .setParameter(8, answer.body())
                .executeUpdate();
        if (updated == 1) {
            return Stored.STORED;
        }
        boolean keyExists = !em.createNativeQuery("select 1 from idempotency_keys where user_id = ?1 and idempotency_key = ?2")
                .setParameter(1, userId)
                .setParameter(2, key)
                .getResultList().isEmpty();
        return keyExists ? Stored.CLAIM_TAKEN : Stored.KEY_DELETED;
    }

    /** Forgets the claim {@code token}: the next request with the key executes for real. */
    public void release(UUID userId, String key, UUID token) {
        em.createNativeQuery("""
                        delete from idempotency_keys
                        where user_id = ?1 and idempotency_key = ?2 and claim_token = ?3 and status is null""")
                .setParameter(1, userId)
                .setParameter(2, key)
                .setParameter(3, token)
                .executeUpdate();
    }

    /**
     * Deletes every key older than 24 h (the archival timer's tick). Servers ticking together
     * purge once ({@code pg_try_advisory_xact_lock}); a purge that skips leaves nothing wrong
     * behind, since expired rows are claimed afresh anyway.
     *
     * @return how many keys were purged, -1 when another server was purging
     */
    public int purgeExpired() {
        Boolean mine = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, PURGE_LOCK)
                .getSingleResult();
        if (!mine) {
            return -1;
        }
        return em.createNativeQuery("delete from idempotency_keys where expires_at <= ?1")
                .setParameter(1, clock.now())
                .executeUpdate();
    }

    /** Headers absent from the answer are stored as empty text (a null of unknown type is awkward to bind). */
    private static String absentIfEmpty(String header) {
        return header == null || header.isEmpty() ? null : header;
    }

    static Duration lease() {
        String value = ConfigProvider.getConfig().getOptionalValue(LEASE, String.class).orElse("").strip();
        if (value.isEmpty()) {
            return DEFAULT_LEASE;
        }
        try {
            Duration lease = Duration.parse(value);
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalStateException(LEASE + " must be a positive ISO-8601 duration, not " + value);
            }
            return lease;
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(LEASE + " must be an ISO-8601 duration such as PT60S, not " + value, e);
        }
    }
}
