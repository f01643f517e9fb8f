package app.lockin.ejb.session;

import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.common.NotFoundException;
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

    /**
     * What {@link RaceSnapshot} keeps of the race view, ?1 the group: per member, the view's own
     * definitions (V3, V7) up to the point where the clock enters — the clamped period, the closed
     * logs' time in microseconds (not yet floored), where the open log starts counting, the streak
     * before the current period — plus what bounds the snapshot's life (the calendar period's end,
     * a log that starts later, the running sessions' earliest run start). The columns are
     * {@link RaceSnapshot.Member}'s, in its order; rows in the view's tie order. is_focusing is a
     * scalar subquery, as in the view since V11: one probe per member, never a hashed scan of every
     * open log (which the kept generic plan chose for an EXISTS).
     */
    public static final String SNAPSHOT_SQL = """
            select m.user_id, pr.display_name, pr.avatar_url, t.target_minutes,
                   case when w.period_start >= w.period_end then p.period_start else w.period_start end,
                   case when w.period_start >= w.period_end then p.period_end else w.period_end end,
                   w.period_start, w.period_end, p.period_end,
                   coalesce(d.closed_micros, 0), d.open_from, d.next_start,
                   coalesce((select true from time_logs o
                              where o.user_id = m.user_id and o.ended_at is null and o.group_id = m.group_id
                              limit 1), false),
                   member_streak(g, m, t.target_minutes, p.period_start, false),
                   r.running_since, lockin_now()
              from group_members m
              join groups g on g.id = m.group_id
              join profiles pr on pr.id = m.user_id
             cross join lateral period_bounds(g.timezone, g.period, lockin_now()) p
             cross join lateral (select greatest(p.period_start, g.start_at) as period_start,
                                        least(p.period_end, g.end_at) as period_end) w
             cross join lateral (select coalesce(m.override_period_target_minutes, g.period_target_minutes)
                                        as target_minutes) t
             cross join lateral (
                    select cast(sum(extract(epoch from least(l.ended_at, w.period_end)
                                                     - greatest(l.started_at, w.period_start)) * 1000000)
                                    filter (where l.ended_at is not null and l.started_at < lockin_now()) as bigint)
                               as closed_micros,
                           max(greatest(l.started_at, w.period_start))
                               filter (where l.ended_at is null and l.started_at < lockin_now()) as open_from,
                           min(l.started_at) filter (where l.started_at >= lockin_now()) as next_start
                      from time_logs l
                     where l.user_id = m.user_id
                       and tstzrange(l.started_at, l.ended_at, '[)')
                           && tstzrange(w.period_start, greatest(w.period_start, w.period_end), '[)')
                       and l.group_id = m.group_id) d
             cross join lateral (select min(s.running_since) as running_since
                                   from sessions s where s.group_id = m.group_id and s.status = 'running') r
             where m.group_id = ?1
             order by pr.display_name, m.user_id""";

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

    /**
     * The group's race view as a {@link RaceSnapshot} (for {@link RaceViews}), in a transaction that
     * first does what a read of the view does: stops due sessions (SPEC §15) and awards the
     * milestones its rows show (SPEC §7). Members only (404 otherwise, nothing kept).
     */
    public RaceSnapshot snapshot(UUID groupId, UUID userId) {
        forgotten.stopDue();
        clock.shareWithDatabase();
        @SuppressWarnings("unchecked")
        List<RaceSnapshot.Member> members = em.createNativeQuery(SNAPSHOT_SQL, RaceSnapshot.Member.class)
                .setParameter(1, groupId)
                .getResultList();
        if (members.stream().noneMatch(m -> m.userId().equals(userId))) {
            throw new NotFoundException("No such group");
        }
        var snapshot = RaceSnapshot.of(groupId, members, milestones.existing(groupId, members.get(0).periodStart()));
        List<ProgressRow> rows = snapshot.rowsAt(snapshot.builtAt());
        if (snapshot.milestonesMissing(rows)) {
            milestones.afterProgressRead(groupId, rows); // its notification makes RaceViews drop this snapshot
        }
        return snapshot;
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
