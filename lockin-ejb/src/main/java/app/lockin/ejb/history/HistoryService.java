package app.lockin.ejb.history;

import app.lockin.ejb.common.LockinClock;
import app.lockin.ejb.group.GroupAccess;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/groups/{id}/periods} (SPEC §12): a group's periods that have started, newest
 * first, with every current member's time and goal in each. The function
 * {@code group_period_history} (V8_2) owns the period logic; its cost follows the periods
 * returned (one bounded GiST search per period and member), not the group's history.
 */
@Stateless
public class HistoryService {

    public static final int DEFAULT_LIMIT = 12;
    public static final int MAX_LIMIT = 52;

    /**
     * ?1 the group, ?2 before (exclusive; {@link #NO_BOUND} for none), ?3 the number of periods.
     * Newest period first; within one, most seconds first, then display name, then user id.
     * Public for the benchmark ({@code ProgressBenchmarkIT}), which measures this very SQL.
     */
    public static final String PERIODS_SQL = """
            select h.period_start, h.period_end, h.is_current, h.user_id, p.display_name,
                   h.seconds_done, h.target_minutes, h.goal_met
              from group_period_history(?1, ?2, ?3) h
              join profiles p on p.id = h.user_id
             order by h.period_start desc, h.seconds_done desc, p.display_name, h.user_id""";

    /** "No before": later than any period (the function also stops at now and at end_at). */
    public static final Instant NO_BOUND = Instant.parse("9999-12-31T00:00:00Z");

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @Inject
    private LockinClock clock;

    @EJB
    private GroupAccess groupAccess;

    /** Members only (404 otherwise); {@code before} null for the newest periods. */
    public List<PeriodView> periods(UUID groupId, UUID callerId, Instant before, int limit) {
        groupAccess.member(groupId, callerId);
        clock.shareWithDatabase(); // "now" decides which period is current
        @SuppressWarnings("unchecked")
        List<HistoryRow> rows = em.createNativeQuery(PERIODS_SQL, HistoryRow.class)
                .setParameter(1, groupId)
                .setParameter(2, before == null ? NO_BOUND : before)
                .setParameter(3, limit)
                .getResultList();
        return group(rows);
    }

    /** Consecutive rows of one period become one {@link PeriodView}, in the query's order. */
    static List<PeriodView> group(List<HistoryRow> rows) {
        List<PeriodView> periods = new ArrayList<>();
        List<PeriodView.Member> members = new ArrayList<>();
        HistoryRow first = null;
        for (HistoryRow row : rows) {
            if (first != null && !first.periodStart().equals(row.periodStart())) {
                periods.add(period(first, members));
                members = new ArrayList<>();
            }
            if (members.isEmpty()) {
                first = row;
            }
            members.add(new PeriodView.Member(row.userId(), row.displayName(), row.secondsDone(), row.targetMinutes(),
                    row.goalMet()));
        }
        if (first != null) {
            periods.add(period(first, members));
        }
        return periods;
    }

    private static PeriodView period(HistoryRow first, List<PeriodView.Member> members) {
        return new PeriodView(first.periodStart(), first.periodEnd(), first.isCurrent(),
                members.stream().allMatch(PeriodView.Member::goalMet), List.copyOf(members));
    }
}
