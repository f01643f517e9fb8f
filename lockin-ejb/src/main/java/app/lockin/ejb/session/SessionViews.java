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
import java.util.List;

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
        List<ParticipantView> participants = em.createNativeQuery("""
                        select p.user_id, pr.display_name, p.role, p.joined_at, p.left_at,
                               coalesce(floor(sum(extract(epoch from
                                   greatest(coalesce(l.ended_at, ?2) - l.started_at, interval '0')))), 0)::bigint,
                               coalesce(bool_or(l.id is not null and l.ended_at is null), false)
                          from session_participants p
                          join profiles pr on pr.id = p.user_id
                          left join time_logs l on l.participant_id = p.id
                         where p.session_id = ?1
                         group by p.id, pr.display_name
                         order by p.joined_at, p.user_id""", ParticipantView.class)
                .setParameter(1, s.getId())
                .setParameter(2, now)
                .getResultList();
        return participants;
    }

    public TimeLogView log(TimeLog log) {
        return new TimeLogView(log.getId(), log.getSessionId(), log.getUserId(), log.getStartedAt(), log.getEndedAt(),
                log.getCreatedAt());
    }
}
