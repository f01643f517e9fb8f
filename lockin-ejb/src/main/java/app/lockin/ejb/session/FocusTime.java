package app.lockin.ejb.session;

import app.lockin.ejb.common.DatabaseRules;
import app.lockin.persistence.session.FocusSession;
import app.lockin.persistence.session.SessionParticipant;
import app.lockin.persistence.session.TimeLog;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opens and closes the time logs of a session (SPEC §7): all at one instant, and never two open
 * logs for one person. That last rule belongs to the database ({@code time_logs_one_open_per_user},
 * {@code time_logs_no_overlap}); the check made here first only gives the refusal its message.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class FocusTime {

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @EJB
    private OpenLogs openLogs;

    /** 409 {@code already_focusing} when one of {@code users} focuses in another session. */
    public void requireFree(FocusSession session, Collection<UUID> users) {
        openLogs.alreadyFocusing(users, session.getId()).ifPresent(refusal -> {
            throw refusal;
        });
    }

    /**
     * Opens a log at {@code now} for each participant. The session's new state must already be
     * flushed: the database accepts logs only inside a started session.
     */
    public void open(FocusSession session, Collection<SessionParticipant> participants, Instant now) {
        if (participants.isEmpty()) {
            return;
        }
        participants.forEach(p -> em.persist(TimeLog.open(p, now)));
        List<UUID> users = userIds(participants);
        DatabaseRules.flush(em, Map.of(
                "time_logs_one_open_per_user", () -> openLogs.alreadyFocusingAfterRefusal(users, session.getId()),
                // only with a log elsewhere ending after now: another server's clock ahead of ours
                "time_logs_no_overlap", () -> openLogs.alreadyFocusingAfterRefusal(users, session.getId())));
    }

    /** Closes every open log of the session at {@code now} (pause, stop). */
    public void closeAll(FocusSession session, Instant now) {
        close(em.createQuery("select l from TimeLog l where l.sessionId = :session and l.endedAt is null", TimeLog.class)
                .setParameter("session", session.getId())
                .getResultList(), now);
    }

    /** Closes the participant's open log, if any, at {@code now} (leave). */
    public void closeFor(SessionParticipant participant, Instant now) {
        close(em.createQuery("select l from TimeLog l where l.participant = :participant and l.endedAt is null",
                        TimeLog.class)
                .setParameter("participant", participant)
                .getResultList(), now);
    }

    /** A log that would end where it starts (two actions within one clock tick) holds no time: it goes. */
    private void close(List<TimeLog> open, Instant now) {
        for (TimeLog log : open) {
            if (now.isAfter(log.getStartedAt())) {
                log.close(now);
            } else {
                em.remove(log);
            }
        }
    }

    static List<UUID> userIds(Collection<SessionParticipant> participants) {
        return participants.stream().map(p -> p.getUser().getId()).toList();
    }
}
