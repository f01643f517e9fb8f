package app.lockin.ejb.session;

import app.lockin.ejb.common.ConflictException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where people are focusing right now: their open logs in other sessions, for the message of
 * 409 {@code already_focusing} (SPEC §7), which names the other session.
 */
@Stateless
public class OpenLogs {

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    /** In the caller's transaction: the first open log of one of {@code users} outside {@code session}. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<ConflictException> alreadyFocusing(Collection<UUID> users, UUID session) {
        return find(users, session);
    }

    /**
     * The same question after the database refused a log ({@code time_logs_one_open_per_user}): the
     * caller's transaction is aborted, and the log that won has been committed, so a new
     * transaction can see it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ConflictException alreadyFocusingAfterRefusal(Collection<UUID> users, UUID session) {
        return find(users, session).orElseGet(() -> new ConflictException("already_focusing",
                "Already focusing in another session"));
    }

    /** Who focuses where: a row of {@link #find}'s query. */
    record OpenLog(UUID userId, UUID sessionId) {
    }

    private Optional<ConflictException> find(Collection<UUID> users, UUID session) {
        if (users.isEmpty()) {
            return Optional.empty();
        }
        List<OpenLog> open = em.createQuery("""
                        select l.userId, l.sessionId from TimeLog l
                        where l.userId in :users and l.endedAt is null and l.sessionId <> :session
                        order by l.startedAt""", OpenLog.class)
                .setParameter("users", users)
                .setParameter("session", session)
                .setMaxResults(1)
                .getResultList();
        return open.stream().findFirst().map(log -> new ConflictException("already_focusing",
                "User " + log.userId() + " is already focusing in session " + log.sessionId()));
    }
}
