package app.lockin.ejb.session;

import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.group.GroupAccess;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.UUID;

/**
 * The race view (SPEC §7 {@code GET /api/groups/{id}/progress/current}): each member's time in the
 * group's current period, from the database view {@code group_member_period_progress}, which owns
 * the period logic (time zone, DST, clamping to the group window, overrides) and the pace of
 * SPEC §11.1. Its cost follows the current period's logs and each member's streak, not the
 * history (see V3 and V7).
 *
 * <p>Lives with sessions rather than groups: it is computed from time logs, and reading it may
 * award the milestones that session changes award (an open log crosses the target while nobody
 * writes), so it shares {@link Milestones} with them.
 */
@Stateless
public class ProgressService {

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @Inject
    private LockinClock clock;

    @EJB
    private GroupAccess groupAccess;

    @EJB
    private Milestones milestones;

    @EJB
    private ForgottenSessions forgotten;

    /**
     * The race view's query, ?1 the group: one row per member, most seconds_done first; ties by
     * display name, then user id. The columns are {@link ProgressRow}'s, in its order. Public for
     * the progress benchmark ({@code ProgressBenchmarkIT}), which measures this very SQL.
     */
    public static final String CURRENT_SQL = """
            select v.user_id, pr.display_name, pr.avatar_url, v.seconds_done, v.target_minutes,
                   v.goal_met, v.period_start, v.period_end, v.is_focusing,
                   v.expected_seconds, v.pace, v.streak
              from group_member_period_progress v
              join profiles pr on pr.id = v.user_id
             where v.group_id = ?1
             order by v.seconds_done desc, pr.display_name, v.user_id""";

    /** One row per member of the group, in {@link #CURRENT_SQL}'s order; members only. */
    public List<ProgressRow> current(UUID groupId, UUID userId) {
        groupAccess.member(groupId, userId);
        return read(groupId);
    }

    /**
     * The same rows for the live streams of the group (SPEC §11): read once per burst of changes
     * and sent to every stream of the group on this server, whose subscribers were checked when
     * they connected (and are revoked when they leave).
     */
    public List<ProgressRow> forStreams(UUID groupId) {
        return read(groupId);
    }

    private List<ProgressRow> read(UUID groupId) {
        forgotten.stopDue(); // SPEC §15: no open log counts beyond its session's limit
        clock.shareWithDatabase(); // the view computes the period of the database's "now"
        @SuppressWarnings("unchecked")
        List<ProgressRow> progress = em.createNativeQuery(CURRENT_SQL, ProgressRow.class)
                .setParameter(1, groupId)
                .getResultList();
        milestones.afterProgressRead(groupId, progress);
        return progress;
    }
}
