package app.lockin.sql;

import app.lockin.sql.SqlFixture.GroupSpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
 * SPEC §11.1 pace in the race view: the columns expected_seconds, pace and streak of
 * group_member_period_progress (V7). "Now" is moved with lockin.now; members joined long before
 * the dates under test unless a test says otherwise.
 */
class RacePaceTest {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();

    static final String PARIS = "Europe/Paris";
    static final String UTC = "UTC";
    /** A Wednesday. */
    static final Instant NOON = at("2026-06-10T12:00:00Z");

    final UUID ann = db.profile();
    final UUID bob = db.profile();

    record Row(Instant periodStart, Instant periodEnd, long secondsDone, boolean goalMet, long expectedSeconds,
               String pace, int streak) {
    }

    Row row(UUID group, UUID user) {
        List<Object[]> rows = db.query("""
                select period_start, period_end, seconds_done, goal_met, expected_seconds, pace, streak
                  from group_member_period_progress where group_id = ? and user_id = ?""", group, user);
        assertEquals(1, rows.size(), "one row per member");
        Object[] r = rows.get(0);
        return new Row((Instant) r[0], (Instant) r[1], (Long) r[2], (Boolean) r[3], (Long) r[4], (String) r[5],
                (Integer) r[6]);
    }

    /** A group of ann (owner) and bob (member), both members since the default window's start. */
    UUID group(GroupSpec spec) {
        UUID group = db.group(ann, spec);
        db.member(group, bob, "member");
        db.joined(group, ann, DEFAULT_START);
        db.joined(group, bob, DEFAULT_START);
        return group;
    }

    /** {@code minutes} of focus from 10:00 UTC on that day. */
    void focusedOn(UUID group, UUID user, String day, int minutes) {
        Instant from = at(day + "T10:00:00Z");
        db.focused(group, user, from, from.plus(Duration.ofMinutes(minutes)));
    }

    // ------------------------------------------------------------------------- expected_seconds

    @Nested
    class ExpectedSeconds {

        @Test
        void theTargetTimesTheElapsedFractionRoundedDown() {
            UUID group = group(GroupSpec.daily(UTC, 60));
            db.setNow(at("2026-06-10T00:00:00Z"));
            assertEquals(0, row(group, bob).expectedSeconds());
            db.setNow(at("2026-06-10T06:00:00Z"));
            assertEquals(900, row(group, bob).expectedSeconds());
            db.setNow(at("2026-06-10T23:59:59Z"));
            assertEquals(3599, row(group, bob).expectedSeconds(), "floor(3600 * 86399 / 86400)");
        }

        @Test
        void isZeroBeforeThePeriodStarts() {
            Instant start = local(PARIS, "2026-06-10T14:00");
            UUID group = group(GroupSpec.daily(PARIS, 60).window(start, start.plus(Duration.ofDays(30))));
            db.setNow(local(PARIS, "2026-06-10T10:00")); // the period is today from 14:00

            Row r = row(group, bob);
            assertEquals(start, r.periodStart());
            assertEquals(0, r.expectedSeconds());
            assertEquals("on_track", r.pace());
        }

        @Test
        void isTheWholeTargetOnceThePeriodHasEnded() {
            Instant end = at("2026-06-10T18:00:00Z");
            UUID group = group(GroupSpec.daily(UTC, 60).window(DEFAULT_START, end));
            db.setNow(at("2026-06-10T20:00:00Z"));

            assertEquals(end, row(group, bob).periodEnd());
            assertEquals(3600, row(group, bob).expectedSeconds());
        }

        /** The group's first period is clamped to start_at: 12:00 to midnight is 12 hours. */
        @Test
        void followsTheFirstPartialPeriod() {
            Instant start = at("2026-06-10T12:00:00Z");
            UUID group = group(GroupSpec.daily(UTC, 60).window(start, start.plus(Duration.ofDays(30))));
            db.setNow(at("2026-06-10T18:00:00Z"));

            assertEquals(1800, row(group, bob).expectedSeconds());
        }

        /** 2026-03-29 in Paris has 23 hours, 2026-10-25 has 25: noon is not half the day. */
        @Test
        void dstDaysInParisAreShorterAndLonger() {
            UUID group = group(GroupSpec.daily(PARIS, 60));
            db.setNow(local(PARIS, "2026-03-29T12:00"));
            assertEquals(3600 * 11 / 23, row(group, bob).expectedSeconds(), "11 real hours of 23");
            db.setNow(local(PARIS, "2026-10-25T12:00"));
            assertEquals(3600 * 13 / 25, row(group, bob).expectedSeconds(), "13 real hours of 25");
        }

        @Test
        void aWeeklyPeriodRunsFromMonday() {
            UUID group = group(GroupSpec.weekly(PARIS, 600));
            db.setNow(local(PARIS, "2026-06-10T12:00")); // Wednesday noon: 2.5 days of 7

            assertEquals(36000 * 5 / 14, row(group, bob).expectedSeconds());
        }

        /**
         * Outside the group window the clamped period is empty: nothing can count, nothing is
         * expected, and no second is left to meet the target in.
         */
        @Test
        void outsideTheWindowNothingIsExpected() {
            Instant start = at("2026-06-11T09:00:00Z");
            UUID group = group(GroupSpec.daily(UTC, 60).window(start, start.plus(Duration.ofDays(7))));
            db.setNow(NOON); // the day before the group starts

            Row before = row(group, bob);
            assertEquals(0, before.expectedSeconds());
            assertEquals("out_of_reach", before.pace());
            assertEquals(0, before.streak());

            db.setNow(at("2026-06-20T12:00:00Z")); // two days after it ended
            assertEquals(0, row(group, bob).expectedSeconds());
        }
    }

    // ------------------------------------------------------------------------- pace

    @Nested
    class Pace {

        /**
         * At noon of a 60-minute day 1800 s are expected; 5% of the target is 180 s either side.
         * Each boundary belongs to the side the spec's inequality puts it on.
         */
        @ParameterizedTest(name = "{0} s done at noon: {1}")
        @CsvSource({
                "3600, done",
                "1980, ahead",
                "1979, on_track",
                "1800, on_track",
                "1620, on_track",
                "1619, behind",
                "0,    behind",
        })
        void againstWhatIsExpectedByNoon(int secondsDone, String pace) {
            UUID group = group(GroupSpec.daily(UTC, 60));
            if (secondsDone > 0) {
                db.focused(group, bob, at("2026-06-10T08:00:00Z"), at("2026-06-10T08:00:00Z").plusSeconds(secondsDone));
            }
            db.setNow(NOON);

            Row r = row(group, bob);
            assertEquals(1800, r.expectedSeconds());
            assertEquals(secondsDone, r.secondsDone());
            assertEquals(pace, r.pace());
        }

        @Test
        void doneComesBeforeAhead() {
            UUID group = group(GroupSpec.daily(UTC, 60));
            focusedOn(group, bob, "2026-06-10", 60);
            db.setNow(at("2026-06-10T11:00:00Z"));

            Row r = row(group, bob);
            assertTrue(r.goalMet());
            assertTrue(r.secondsDone() >= r.expectedSeconds() + 180, "ahead as well");
            assertEquals("done", r.pace());
        }

        /**
         * A 10-hour target at 20:00 leaves 4 hours: with 6 hours done it is still reachable (and
         * behind); one second less and it is out of reach, which comes before behind.
         */
        @Test
        void outOfReachWhenTheSecondsNeededExceedTheSecondsLeft() {
            UUID group = group(GroupSpec.daily(UTC, 600));
            db.focused(group, ann, at("2026-06-10T06:00:00Z"), at("2026-06-10T12:00:00Z"));
            db.focused(group, bob, at("2026-06-10T06:00:01Z"), at("2026-06-10T12:00:00Z"));
            db.setNow(at("2026-06-10T20:00:00Z"));

            Row exactlyEnough = row(group, ann);
            assertEquals(30000, exactlyEnough.expectedSeconds());
            assertEquals("behind", exactlyEnough.pace(), "needs 14400 s, 14400 s left");
            assertEquals("out_of_reach", row(group, bob).pace(), "needs 14401 s, 14400 s left");
        }

        /** Seconds left count from the clamped start while the period has not started. */
        @Test
        void outOfReachBeforeAShortFirstPeriodStarts() {
            Instant start = at("2026-06-10T23:00:00Z");
            UUID group = group(GroupSpec.daily(UTC, 90).window(start, start.plus(Duration.ofDays(7))));
            UUID cal = db.profile();
            db.member(group, cal, "member", 60);
            db.setNow(NOON);

            assertEquals("out_of_reach", row(group, bob).pace(), "90 minutes do not fit in the first hour");
            assertEquals(0, row(group, bob).expectedSeconds());
            assertEquals("on_track", row(group, cal).pace(), "60 minutes just fit");
        }

        @Test
        void onceThePeriodIsOverAnUnmetTargetIsOutOfReach() {
            UUID group = group(GroupSpec.daily(UTC, 60).window(DEFAULT_START, at("2026-06-10T18:00:00Z")));
            focusedOn(group, ann, "2026-06-10", 60);
            focusedOn(group, bob, "2026-06-10", 59);
            db.setNow(at("2026-06-10T20:00:00Z"));

            assertEquals("done", row(group, ann).pace());
            assertEquals("out_of_reach", row(group, bob).pace());
        }
    }

    // ------------------------------------------------------------------------- streak

    @Nested
    class Streak {

        @Test
        void countsBackFromTheCurrentPeriodWhenItIsMet() {
            UUID group = group(GroupSpec.daily(UTC, 60));
            for (String day : List.of("2026-06-08", "2026-06-09", "2026-06-10")) {
                focusedOn(group, bob, day, 60);
            }
            db.setNow(NOON);

            assertEquals(3, row(group, bob).streak());
            assertEquals(0, row(group, ann).streak(), "nothing done");
        }

        @Test
        void anUnmetCurrentPeriodDoesNotBreakItYet() {
            UUID group = group(GroupSpec.daily(UTC, 60));
            focusedOn(group, bob, "2026-06-08", 60);
            focusedOn(group, bob, "2026-06-09", 60);
            focusedOn(group, bob, "2026-06-10", 30);
            db.setNow(NOON);

            assertEquals(2, row(group, bob).streak());
        }

        @Test
        void anUnmetPeriodEndsIt() {
            UUID group = group(GroupSpec.daily(UTC, 60));
            focusedOn(group, bob, "2026-06-05", 60);
            focusedOn(group, bob, "2026-06-06", 60);
            focusedOn(group, bob, "2026-06-07", 59); // one minute short: a gap
            focusedOn(group, bob, "2026-06-08", 60);
            focusedOn(group, bob, "2026-06-09", 60);
            focusedOn(group, ann, "2026-06-08", 60); // ann skipped yesterday
            db.setNow(NOON);

            assertEquals(2, row(group, bob).streak());
            assertEquals(0, row(group, ann).streak(), "yesterday unmet and today unmet");
        }

        /**
         * bob met every day, but joined (again: his old logs stay) during the 8th: the 8th counts,
         * the 7th ended before he joined and ends the streak. A period ending at the very instant he
         * joined ended before it.
         */
        @Test
        void aPeriodThatEndedBeforeTheMemberJoinedEndsIt() {
            UUID group = group(GroupSpec.daily(UTC, 60));
            UUID cal = db.profile();
            db.member(group, cal, "member");
            for (String day : List.of("2026-06-06", "2026-06-07", "2026-06-08", "2026-06-09")) {
                focusedOn(group, bob, day, 60);
                focusedOn(group, cal, day, 60);
            }
            db.joined(group, bob, at("2026-06-08T15:00:00Z"));
            db.joined(group, cal, at("2026-06-08T00:00:00Z"));
            db.setNow(NOON);

            assertEquals(2, row(group, bob).streak());
            assertEquals(2, row(group, cal).streak());
        }

        /** Past periods are judged with today's target: bob's override of 30 minutes. */
        @Test
        void todaysOverrideJudgesThePastPeriods() {
            UUID group = db.group(ann, GroupSpec.daily(UTC, 60));
            db.member(group, bob, "member", 30);
            db.joined(group, ann, DEFAULT_START);
            db.joined(group, bob, DEFAULT_START);
            for (String day : List.of("2026-06-07", "2026-06-08", "2026-06-09")) {
                focusedOn(group, ann, day, 40);
                focusedOn(group, bob, day, 40);
            }
            db.setNow(NOON);

            assertEquals(3, row(group, bob).streak());
            assertEquals(0, row(group, ann).streak(), "40 minutes do not meet the group's 60");

            db.update("update group_members set override_period_target_minutes = 45 where group_id = ? and user_id = ?",
                    group, bob);
            assertEquals(0, row(group, bob).streak(), "the new override judges the same past");
        }

        /**
         * Around 2026-03-29 (23 hours) in Paris: the log of the 29th is its last local hour, the
         * log of the 30th its first; each counts for its own day only when the walk steps over the
         * short day on local midnights.
         */
        @Test
        void stepsOverTheSpringForwardDayOnLocalMidnights() {
            UUID group = group(GroupSpec.daily(PARIS, 60));
            db.focused(group, bob, local(PARIS, "2026-03-27T10:00"), local(PARIS, "2026-03-27T11:00"));
            db.focused(group, bob, local(PARIS, "2026-03-28T10:00"), local(PARIS, "2026-03-28T11:00"));
            db.focused(group, bob, local(PARIS, "2026-03-29T23:00"), local(PARIS, "2026-03-30T00:00"));
            db.focused(group, bob, local(PARIS, "2026-03-30T00:00"), local(PARIS, "2026-03-30T01:00"));
            db.focused(group, bob, local(PARIS, "2026-03-31T10:00"), local(PARIS, "2026-03-31T11:00"));
            db.setNow(local(PARIS, "2026-03-31T12:00"));

            assertEquals(5, row(group, bob).streak());
        }

        /** Around 2026-10-25 (25 hours) in Paris, the same with the long day. */
        @Test
        void stepsOverTheFallBackDayOnLocalMidnights() {
            UUID group = group(GroupSpec.daily(PARIS, 60));
            db.focused(group, bob, local(PARIS, "2026-10-23T10:00"), local(PARIS, "2026-10-23T11:00"));
            db.focused(group, bob, local(PARIS, "2026-10-24T23:00"), local(PARIS, "2026-10-25T00:00"));
            db.focused(group, bob, local(PARIS, "2026-10-25T23:00"), local(PARIS, "2026-10-26T00:00"));
            db.focused(group, bob, local(PARIS, "2026-10-26T00:00"), local(PARIS, "2026-10-26T01:00"));
            db.setNow(local(PARIS, "2026-10-26T12:00"));

            assertEquals(4, row(group, bob).streak());
        }

        @Test
        void weeklyGroupsCountWeeks() {
            String berlin = "Europe/Berlin";
            UUID group = group(GroupSpec.weekly(berlin, 300));
            db.focused(group, bob, local(berlin, "2026-05-12T09:00"), local(berlin, "2026-05-12T13:59")); // short
            for (String tuesday : List.of("2026-05-19", "2026-05-26", "2026-06-02")) {
                db.focused(group, bob, local(berlin, tuesday + "T09:00"), local(berlin, tuesday + "T14:00"));
            }
            // Sunday 23:00 to Monday 01:00: one hour in each week, not enough for either
            db.focused(group, ann, local(berlin, "2026-06-07T23:00"), local(berlin, "2026-06-08T01:00"));
            db.focused(group, bob, local(berlin, "2026-06-09T09:00"), local(berlin, "2026-06-09T10:00"));
            db.setNow(local(berlin, "2026-06-10T12:00")); // Wednesday of the week of June 8

            assertEquals(3, row(group, bob).streak(), "three full weeks; this week unmet so far");
            assertEquals(0, row(group, ann).streak());
        }

        /**
         * The group starts Monday 18:00: Monday's period is 18:00 to midnight, and the days before
         * it do not exist, whatever a group session logged then.
         */
        @Test
        void theFirstPeriodIsPartialAndNothingBeforeItCounts() {
            Instant start = at("2026-06-08T18:00:00Z");
            UUID group = group(GroupSpec.daily(UTC, 60).window(start, start.plus(Duration.ofDays(30))));
            UUID cal = db.profile();
            db.member(group, cal, "member");
            db.joined(group, cal, DEFAULT_START);
            focusedOn(group, bob, "2026-06-07", 60);
            db.focused(group, bob, at("2026-06-08T18:00:00Z"), at("2026-06-08T19:00:00Z"));
            db.focused(group, cal, at("2026-06-08T17:30:00Z"), at("2026-06-08T18:30:00Z")); // 30 minutes inside
            for (UUID who : List.of(bob, cal)) {
                focusedOn(group, who, "2026-06-09", 60);
                focusedOn(group, who, "2026-06-10", 60);
            }
            db.setNow(NOON);

            assertEquals(3, row(group, bob).streak(), "Monday evening, Tuesday, today");
            assertEquals(2, row(group, cal).streak(), "half of Monday's hour was before the group");
        }

        /** An open log counts in every period it crosses, up to now. */
        @Test
        void anOpenLogCountsInThePeriodsItCrosses() {
            UUID group = group(GroupSpec.daily(UTC, 60));
            UUID session = db.runningSession(group, bob, at("2026-06-09T23:00:00Z"));
            db.setNow(at("2026-06-10T00:30:00Z"));
            db.log(db.participant(session, bob), at("2026-06-09T23:30:00Z"), null);

            assertEquals(0, row(group, bob).streak(), "half an hour on each side of midnight");
            db.setNow(at("2026-06-10T01:00:00Z"));
            assertEquals(1, row(group, bob).streak(), "today is met, yesterday still has half an hour");
        }
    }

    // ------------------------------------------------------------------------- cost

    /**
     * The cost guard, without timing: the streak reads the logs of the periods it walks, one
     * bounded search of the time_logs GiST index per period, never the member's whole history.
     * Counted with the statistics of the current transaction (heap tuples fetched through an
     * index, sequential scans) around one read of a member's row. Sequential scans are switched
     * off (and cached plans dropped) because a test table is tiny: a sequential scan then still
     * happens only where no index can answer.
     */
    @Test
    void theStreakReadsThePeriodsItWalksNotTheHistory() throws SQLException {
        UUID group = group(GroupSpec.daily(UTC, 60));
        UUID cal = db.profile();
        db.member(group, cal, "member");
        db.joined(group, cal, DEFAULT_START);
        LocalDate today = LocalDate.parse("2026-06-10");
        history(group, bob, today.minusDays(305), today.minusDays(4)); // 302 days met, then a gap
        history(group, bob, today.minusDays(2), today.minusDays(1));
        history(group, cal, today.minusDays(300), today.minusDays(1));
        db.update("analyze time_logs");
        db.setNow(NOON);

        ScanCount shortStreak = scans(group, bob);
        ScanCount longStreak = scans(group, cal);

        assertEquals(2, shortStreak.streak());
        assertEquals(0, shortStreak.seqScans(), shortStreak.toString());
        assertTrue(shortStreak.tuplesFetched() <= 3, "2 logs of the streak (+ a current one): " + shortStreak);
        assertTrue(shortStreak.indexScans() <= 5, "the current period, 2 met and 1 unmet: " + shortStreak);

        assertEquals(300, longStreak.streak());
        assertEquals(0, longStreak.seqScans(), longStreak.toString());
        assertTrue(longStreak.tuplesFetched() >= 300, "what a 300-period streak costs: " + longStreak);
    }

    record ScanCount(int streak, long tuplesFetched, long indexScans, long seqScans) {
    }

    /** One hour a day, 10:00 to 11:00 UTC, on every day of [first, last], in one stopped session. */
    private void history(UUID group, UUID user, LocalDate first, LocalDate last) {
        Instant from = at(first + "T10:00:00Z");
        Instant to = at(last + "T11:00:00Z");
        UUID participant = db.participant(db.stoppedSession(group, user, from, to), user);
        db.update("""
                insert into time_logs (participant_id, started_at, ended_at)
                select ?, d, d + interval '1 hour' from generate_series(?::timestamptz, ?::timestamptz, interval '1 day') d""",
                participant, from, to.minus(Duration.ofHours(1)));
    }

    /** The member's streak, and what reading it did to time_logs, in one transaction. */
    private ScanCount scans(UUID group, UUID user) throws SQLException {
        Connection c = db.connection();
        db.update("set enable_seqscan = off");
        db.update("discard plans");
        c.setAutoCommit(false);
        try {
            String counters = """
                    select idx_tup_fetch, idx_scan, seq_scan from pg_stat_xact_user_tables where relname = 'time_logs'""";
            Object[] before = db.query(counters).get(0);
            int streak = row(group, user).streak();
            Object[] after = db.query(counters).get(0);
            return new ScanCount(streak, delta(before, after, 0), delta(before, after, 1), delta(before, after, 2));
        } finally {
            c.rollback();
            c.setAutoCommit(true);
            db.update("reset enable_seqscan");
            db.update("discard plans");
        }
    }

    private static long delta(Object[] before, Object[] after, int column) {
        return ((Number) after[column]).longValue() - ((Number) before[column]).longValue();
    }

    /** The streak is a function in the select list: a query that does not read it does not walk. */
    @Test
    void onlyAQueryReadingTheStreakWalksThePeriods() {
        UUID group = group(GroupSpec.daily(UTC, 60));
        assertFalse(plan("select user_id, period_start, goal_met from group_member_period_progress where group_id = ?",
                group).contains("member_streak"));
        assertTrue(plan("select streak from group_member_period_progress where group_id = ?", group)
                .contains("member_streak"));
    }

    private String plan(String sql, UUID group) {
        return db.query("explain verbose " + sql, group).stream().map(r -> (String) r[0])
                .reduce("", (a, b) -> a + b + "\n");
    }
}
