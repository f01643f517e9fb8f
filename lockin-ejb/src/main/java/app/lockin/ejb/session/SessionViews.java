package app.lockin.ejb.session;

import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.session.FocusSession;
import app.lockin.persistence.session.TimeLog;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Builds the views of sessions, their participants and logs, inside the caller's transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class SessionViews {

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    public SessionView session(FocusSession s, Instant now) {
        return new SessionView(s.getId(), s.getGroupId(), s.getCreatorId(), WireNames.of(s.getStatus()),
                s.getStartedAt(), s.getEndedAt(), s.getCreatedAt(), now, s.runningTimeUpTo(now).toSeconds());
    }

    /** Everyone who took part, in the order they joined; each one's own time in this session. */
    public List<ParticipantView> participants(FocusSession s, Instant now) {
        em.flush(); // the sums below read the logs as this transaction left them
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select p.user_id, pr.display_name, p.role, p.joined_at, p.left_at,
                               coalesce(floor(sum(extract(epoch from
                                   greatest(coalesce(l.ended_at, ?2) - l.started_at, interval '0')))), 0)::bigint,
                               coalesce(bool_or(l.id is not null and l.ended_at is null), false)
                          from session_participants p
                          join profiles pr on pr.id = p.user_id
                          left join time_logs l on l.participant_id = p.id
                         where p.session_id = ?1
                         group by p.id, pr.display_name
                         order by p.joined_at, p.user_id""")
                .setParameter(1, s.getId())
                .setParameter(2, now)
                .getResultList();
        return rows.stream().map(r -> new ParticipantView((UUID) r[0], (String) r[1], (String) r[2], instant(r[3]),
                instant(r[4]), ((Number) r[5]).longValue(), (Boolean) r[6])).toList();
    }

    public TimeLogView log(TimeLog log) {
        return new TimeLogView(log.getId(), log.getSessionId(), log.getUserId(), log.getStartedAt(), log.getEndedAt(),
                log.getCreatedAt());
    }

    /** timestamptz from a native query: Hibernate 6 hands out Instant or OffsetDateTime depending on settings. */
    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }
}
