package app.lockin.ejb.live;

import app.lockin.ejb.common.AfterCommit;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Announces a change to every server (SPEC §11), inside the transaction that makes it:
 * PostgreSQL delivers a {@code NOTIFY} at commit and drops it on rollback, so nothing is announced
 * that did not happen, and identical announcements of one transaction arrive once. Services call
 * it after their writes; the streams read the new state when the announcement reaches them.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class LivePublisher {

    /** The one channel every server listens on. */
    static final String CHANNEL = "lockin";

    /** The changes of the current transaction, for this server's caches at its commit. */
    private static final Object COMMITTED_HERE = new Object();

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @EJB
    private LiveListener listener;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    public void progressChanged(UUID groupId) {
        if (groupId != null) {
            publish(new LiveChange(LiveChange.PROGRESS, groupId, null, null, null, null, null));
        }
    }

    /** A group session changed state; its race view too. Personal sessions have no stream. */
    public void sessionChanged(UUID groupId, UUID sessionId) {
        if (groupId != null) {
            publish(new LiveChange(LiveChange.SESSION, groupId, null, sessionId, null, null, null));
        }
    }

    /** {@code userId} met the goal ({@code milestone_member}), or everyone did ({@code milestone_group}, userId null). */
    public void milestone(UUID groupId, String kind, UUID userId, Instant periodStart) {
        publish(new LiveChange(LiveChange.MILESTONE, groupId, userId, null, null, kind, periodStart));
    }

    /** {@code userId} is no longer a member: {@code removed} by someone else, or {@code left}. */
    public void revoked(UUID groupId, UUID userId, boolean left) {
        publish(new LiveChange(LiveChange.REVOKED, groupId, userId, null, null, left ? "left" : "removed", null));
    }

    /**
     * {@code userId} deleted their account (SPEC §14): every stream of theirs, on every server, ends.
     * Their groups are announced separately ({@link #revoked}, {@link #progressChanged}).
     */
    public void accountDeleted(UUID userId) {
        publish(new LiveChange(LiveChange.ACCOUNT_DELETED, null, userId, null, null, null, null));
    }

    public void notified(UUID userId, UUID notificationId) {
        publish(new LiveChange(LiveChange.NOTIFICATION, null, userId, null, notificationId, null, null));
    }

    public void inboxChanged(UUID userId) {
        publish(new LiveChange(LiveChange.INBOX, null, userId, null, null, null, null));
    }

    /** A person's name or avatar changed: every race they appear in. */
    public void profileChanged(UUID userId) {
        List<UUID> groups = em.createQuery("select m.group.id from Membership m where m.user.id = :userId", UUID.class)
                .setParameter("userId", userId)
                .getResultList();
        groups.forEach(this::progressChanged);
    }

    private void publish(LiveChange change) {
        // in FROM: pg_notify returns void, which has no column type to map
        em.createNativeQuery("select 1 from pg_notify(?1, ?2)")
                .setParameter(1, CHANNEL)
                .setParameter(2, change.toJson())
                .getSingleResult();
        afterCommit(change);
    }

    /** This server's caches forget the change at commit, before its notification comes back. */
    private void afterCommit(LiveChange change) {
        @SuppressWarnings("unchecked")
        List<LiveChange> changes = (List<LiveChange>) transactions.getResource(COMMITTED_HERE);
        if (changes == null) {
            List<LiveChange> registered = new ArrayList<>();
            transactions.putResource(COMMITTED_HERE, registered);
            AfterCommit.run(transactions, () -> registered.forEach(listener::committedHere));
            changes = registered;
        }
        changes.add(change);
    }
}
