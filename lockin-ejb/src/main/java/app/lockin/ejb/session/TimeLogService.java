package app.lockin.ejb.session;

import app.lockin.ejb.common.ConflictException;
import app.lockin.ejb.common.DatabaseRules;
import app.lockin.ejb.common.FieldChecks;
import app.lockin.ejb.common.FieldError;
import app.lockin.ejb.common.ForbiddenException;
import app.lockin.ejb.common.InvalidInputException;
import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.common.NotFoundException;
import app.lockin.ejb.live.LivePublisher;
import app.lockin.persistence.session.FocusSession;
import app.lockin.persistence.session.SessionParticipant;
import app.lockin.persistence.session.TimeLog;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Manual time logs (SPEC §7 {@code POST /api/sessions/{id}/logs}): time the caller focused in
 * their own participation without the session's clock running for them. The window and overlap
 * rules are the database's ({@code time_logs_within_session}, {@code time_logs_no_overlap}); the
 * shape rules (both ends given, end after start, not in the future) are checked here.
 */
@Stateless
public class TimeLogService {

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @EJB
    private LivePublisher live;

    @Inject
    private LockinClock clock;

    @EJB
    private SessionAccess access;

    @EJB
    private Milestones milestones;

    @EJB
    private SessionViews views;

    public TimeLogView add(UUID sessionId, UUID userId, Instant startedAt, Instant endedAt) {
        Instant now = clock.now();
        startedAt = micros(startedAt); // what timestamptz keeps
        endedAt = micros(endedAt);
        VisibleSession visible = access.visible(sessionId, userId);
        validate(startedAt, endedAt, now);
        SessionParticipant participant = visible.participation();
        if (participant == null) {
            throw new ForbiddenException("Only the session's participants can log time in it");
        }
        FocusSession session = visible.session();
        access.requireActiveGroup(session);
        TimeLog log = TimeLog.closed(participant, startedAt, endedAt);
        em.persist(log);
        DatabaseRules.flush(em, Map.of(
                "time_logs_within_session", () -> new InvalidInputException("log_outside_session",
                        "The log must lie within the session: after it started, and before it stopped (or now)",
                        List.of(new FieldError("started_at", "must lie within the session"),
                                new FieldError("ended_at", "must lie within the session"))),
                "time_logs_no_overlap", () -> new ConflictException("log_overlap",
                        "The log overlaps another log of yours, in this or another session")));
        milestones.afterTimeChanged(session.getGroupId());
        live.progressChanged(session.getGroupId());
        return views.log(log);
    }

    public TimeLogView get(UUID sessionId, UUID logId, UUID userId) {
        access.visible(sessionId, userId);
        TimeLog log = em.find(TimeLog.class, logId);
        if (log == null || !log.getSessionId().equals(sessionId)) {
            throw new NotFoundException("No such log");
        }
        return views.log(log);
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static void validate(Instant startedAt, Instant endedAt, Instant now) {
        FieldChecks checks = new FieldChecks();
        checks.require("started_at", startedAt);
        if (checks.require("ended_at", endedAt)) {
            if (startedAt != null && !endedAt.isAfter(startedAt)) {
                checks.refuse("ended_at", "must be after started_at");
            } else if (endedAt.isAfter(now)) {
                checks.refuse("ended_at", "must not be in the future");
            }
        }
        checks.throwIfAny();
    }
}
