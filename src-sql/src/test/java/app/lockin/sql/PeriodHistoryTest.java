package app.lockin.sql;

import app.lockin.sql.SqlFixture.GroupSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static app.lockin.sql.SqlFixture.DEFAULT_START;
import static app.lockin.sql.SqlFixture.at;
import static app.lockin.sql.SqlFixture.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * group_period_history() (SPEC §12): which periods, their clamp, each member's seconds and goal,
 * and what it costs. The property test ({@code PeriodHistoryProperties}) compares it with an
 * independent java.time computation across many zones; these are the named cases.
 */
class PeriodHistoryTest {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();

    final UUID ann = db.profile();
    final UUID bob = db.profile();

    record Cell(Instant periodStart, Instant periodEnd, boolean isCurrent, UUID userId, long secondsDone,
                int targetMinutes, boolean goalMet) {
    }

    List<Cell> history(UUID group, Instant before, int limit) {
        return db.query("""
                        select period_start, period_end, is_current, user_id, seconds_done, target_minutes, goal_met
                          from group_period_history(?, ?, ?) order by period_start desc, user_id""",
                        group, before, limit).stream()
                .map(r -> new Cell((Instant) r[0], (Instant) r[1], (Boolean) r[2], (UUID) r[3], (Long) r[4],
                        (Integer) r[5], (Boolean) r[6]))
                .toList();
    }

    List<Instant> starts(List<Cell> cells) {
        return cells.stream().map(Cell::periodStart).distinct().toList();
    }

    UUID group(GroupSpec spec) {
        UUID group = db.group(ann, spec);
        db.member(group, bob, "member");
        return group;
    }

    @Test
    void dailyPeriodsNewestFirstWithEveryMemberAndTheCurrentOneFlagged() {
        UUID group = group(GroupSpec.daily("UTC", 30));
        db.focused(group, bob, at("2026-06-09T08:00:00Z"), at("2026-06-09T08:40:00Z"));
        db.focused(group, ann, at("2026-06-08T23:50:00Z"), at("2026-06-09T00:10:00Z")); // crosses midnight
        db.setNow(at("2026-06-10T12:00:00Z"));

        List<Cell> cells = history(group, null, 3);
        assertEquals(List.of(at("2026-06-10T00:00:00Z"), at("2026-06-09T00:00:00Z"), at("2026-06-08T00:00:00Z")),
                starts(cells));
        assertEquals(6, cells.size(), "3 periods x 2 members");
        assertTrue(cells.get(0).isCurrent());
        assertFalse(cells.get(2).isCurrent());
        Cell bob9 = cell(cells, "2026-06-09T00:00:00Z", bob);
        assertEquals(40 * 60, bob9.secondsDone());
        assertTrue(bob9.goalMet());
        assertEquals(10 * 60, cell(cells, "2026-06-09T00:00:00Z", ann).secondsDone());
        assertEquals(10 * 60, cell(cells, "2026-06-08T00:00:00Z", ann).secondsDone());
        assertEquals(at("2026-06-10T00:00:00Z"), cell(cells, "2026-06-09T00:00:00Z", ann).periodEnd());
    }

    @Test
    void aDstDayLasts23Or25HoursAndItsTimeCountsExactly() {
        String ny = "America/New_York";
        UUID group = group(GroupSpec.daily(ny, 60));
        db.focused(group, bob, local(ny, "2026-03-08T00:30"), local(ny, "2026-03-08T04:00")); // 2.5 h, the gap inside
        db.setNow(local(ny, "2026-03-09T12:00"));

        List<Cell> cells = history(group, null, 2);
        Cell dst = cell(cells, local(ny, "2026-03-08T00:00").toString(), bob);
        assertEquals(Duration.ofHours(23), Duration.between(dst.periodStart(), dst.periodEnd()));
        assertEquals(150 * 60, dst.secondsDone());

        db.setNow(local(ny, "2026-11-02T12:00"));
        Cell fallBack = cell(history(group, null, 2), local(ny, "2026-11-01T00:00").toString(), bob);
        assertEquals(Duration.ofHours(25), Duration.between(fallBack.periodStart(), fallBack.periodEnd()));
    }

    @Test
    void weeklyPeriodsAreIsoWeeksClampedToTheWindowAndStopAtTheFirst() {
        Instant start = at("2026-06-03T12:00:00Z"); // a Wednesday
        UUID group = group(GroupSpec.weekly("UTC", 60).window(start, at("2026-12-01T00:00:00Z")));
        db.setNow(at("2026-06-20T12:00:00Z"));

        List<Instant> starts = starts(history(group, null, 12));
        assertEquals(List.of(at("2026-06-15T00:00:00Z"), at("2026-06-08T00:00:00Z"), start), starts,
                "the first week starts at start_at; nothing before it");
    }

    @Test
    void beforeKeepsPeriodsStartingStrictlyEarlierAndLimitCutsTheList() {
        UUID group = group(GroupSpec.daily("UTC", 60));
        db.setNow(at("2026-06-10T12:00:00Z"));

        assertEquals(List.of(at("2026-06-08T00:00:00Z"), at("2026-06-07T00:00:00Z")),
                starts(history(group, at("2026-06-09T00:00:00Z"), 2)));
        assertEquals(List.of(at("2026-06-09T00:00:00Z")), starts(history(group, at("2026-06-09T00:00:00.000001Z"), 1)));
        assertTrue(history(group, DEFAULT_START, 5).isEmpty(), "nothing starts before the first period");
    }

    @Test
    void aGroupNotStartedHasNoPeriodsAndAnEndedOneNoCurrentPeriod() {
        UUID future = group(GroupSpec.daily("UTC", 60).window(at("2026-07-01T00:00:00Z"), at("2026-08-01T00:00:00Z")));
        UUID ended = group(GroupSpec.daily("UTC", 60).window(at("2026-05-01T00:00:00Z"), at("2026-05-20T12:00:00Z")));
        db.setNow(at("2026-06-10T12:00:00Z"));

        assertTrue(history(future, null, 12).isEmpty());
        List<Cell> cells = history(ended, null, 2);
        assertEquals(List.of(at("2026-05-20T00:00:00Z"), at("2026-05-19T00:00:00Z")), starts(cells));
        assertEquals(at("2026-05-20T12:00:00Z"), cells.get(0).periodEnd(), "clamped to end_at");
        assertTrue(cells.stream().noneMatch(Cell::isCurrent));
    }

    @Test
    void onlyThisGroupsTimeCountsAnOpenLogUpToNowAndTodaysTargetJudges() {
        UUID group = group(GroupSpec.daily("UTC", 60));
        UUID other = db.group(bob, GroupSpec.daily("UTC", 60));
        db.update("update group_members set override_period_target_minutes = 20 where group_id = ? and user_id = ?", group, bob);
        db.focused(other, bob, at("2026-06-09T08:00:00Z"), at("2026-06-09T09:00:00Z"));
        db.focused(group, bob, at("2026-06-09T10:00:00Z"), at("2026-06-09T10:25:00Z"));
        UUID session = db.runningSession(group, ann, at("2026-06-10T11:00:00Z"));
        db.setNow(at("2026-06-10T11:30:00Z"));
        db.log(db.participant(session, ann), at("2026-06-10T11:00:00Z"), null);

        List<Cell> cells = history(group, null, 2);
        Cell bob9 = cell(cells, "2026-06-09T00:00:00Z", bob);
        assertEquals(25 * 60, bob9.secondsDone());
        assertEquals(20, bob9.targetMinutes());
        assertTrue(bob9.goalMet());
        assertEquals(30 * 60, cell(cells, "2026-06-10T00:00:00Z", ann).secondsDone());
    }

    private static Cell cell(List<Cell> cells, String periodStart, UUID user) {
        return cells.stream().filter(c -> c.periodStart().equals(Instant.parse(periodStart)) && c.userId().equals(user))
                .findFirst().orElseThrow(() -> new AssertionError("no cell " + periodStart + " " + user + " in " + cells));
    }

    // ------------------------------------------------------------------------- cost

    /**
     * The cost guard: reading 3 periods of a group whose members have 300 days of history reads
     * the logs of those 3 periods, through the GiST index searched per member with the span of the
     * periods returned (EXPLAIN
     * (ANALYZE, BUFFERS) of the inlined function shows the bounded index condition), and the
     * transaction's table statistics count the tuples fetched: a handful, not 600.
     */
    @Test
    void readingAFewPeriodsReadsTheirLogsNotTheHistory() throws SQLException {
        UUID group = group(GroupSpec.daily("UTC", 60));
        LocalDate today = LocalDate.parse("2026-06-10");
        for (UUID user : List.of(ann, bob)) {
            UUID participant = db.participant(db.stoppedSession(group, user, at(today.minusDays(300) + "T10:00:00Z"),
                    at(today.minusDays(1) + "T11:00:00Z")), user);
            db.update("""
                    insert into time_logs (participant_id, started_at, ended_at)
                    select ?, d, d + interval '1 hour' from generate_series(?::timestamptz, ?::timestamptz, interval '1 day') d""",
                    participant, at(today.minusDays(300) + "T10:00:00Z"), at(today.minusDays(1) + "T10:00:00Z"));
        }
        db.update("analyze time_logs");
        db.setNow(at("2026-06-10T12:00:00Z"));

        Connection c = db.connection();
        db.update("set enable_seqscan = off");
        db.update("discard plans");
        c.setAutoCommit(false);
        try {
            String plan = db.query("explain (analyze, buffers) select * from group_period_history(?, null, 3)", group)
                    .stream().map(row -> (String) row[0]).reduce("", (a, b) -> a + b + "\n");
            assertTrue(plan.contains("time_logs_no_overlap"), plan);
            // one search per member, bounded by the periods returned (not a search of everyone's logs by time)
            assertTrue(plan.matches("(?s).*Index Cond: \\(\\(user_id = m(_\\d+)?\\.user_id\\) AND \\(tstzrange\\(started_at, ended_at.*"),
                    plan);
            assertFalse(plan.contains("Seq Scan on time_logs"), plan);
            assertFalse(plan.contains("Function Scan on group_period_history"), "inlined: " + plan);

            String counters = "select idx_tup_fetch, seq_scan from pg_stat_xact_user_tables where relname = 'time_logs'";
            Object[] before = db.query(counters).get(0);
            assertEquals(6, history(group, null, 3).size());
            Object[] after = db.query(counters).get(0);
            long fetched = ((Number) after[0]).longValue() - ((Number) before[0]).longValue();
            assertTrue(fetched <= 6, "2 members x 2 past days with one log each, not their 600 logs: " + fetched);
            assertEquals(0, ((Number) after[1]).longValue() - ((Number) before[1]).longValue());
        } finally {
            c.rollback();
            c.setAutoCommit(true);
            db.update("reset enable_seqscan");
            db.update("discard plans");
        }
    }
}
