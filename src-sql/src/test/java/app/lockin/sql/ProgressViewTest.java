package app.lockin.sql;

import app.lockin.sql.SqlFixture.GroupSpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;

import static app.lockin.sql.SqlFixture.at;
import static app.lockin.sql.SqlFixture.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * period_bounds() and the race view group_member_period_progress (SPEC §7). "Now" is moved onto
 * the day under test with lockin.now; expected instants are written as local wall-clock times.
 */
class ProgressViewTest {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();

    final UUID ann = db.profile();
    final UUID bob = db.profile();




    record Progress(Instant periodStart, Instant periodEnd, long secondsDone, int targetMinutes, boolean goalMet,
                    boolean isFocusing) {
        Duration length() {
            return Duration.between(periodStart, periodEnd);
        }
    }

    Progress progress(UUID group, UUID user) {
        List<Object[]> rows = db.query("""
                select period_start, period_end, seconds_done, target_minutes, goal_met, is_focusing
                  from group_member_period_progress where group_id = ? and user_id = ?""", group, user);
        assertEquals(1, rows.size(), "one row per member");
        Object[] r = rows.get(0);
        return new Progress((Instant) r[0], (Instant) r[1], (Long) r[2], (Integer) r[3], (Boolean) r[4], (Boolean) r[5]);
    }

    /** A group of ann (owner) and bob (member). */
    UUID group(GroupSpec spec) {
        UUID group = db.group(ann, spec);
        db.member(group, bob, "member");
        return group;
    }

    // ------------------------------------------------------------------------- period_bounds

    @Nested
    class PeriodBounds {

        /** The database's periods agree with java.time's (zone rules of the JDK). */
        @ParameterizedTest(name = "{0} {1} at {2}")
        @CsvSource({
                "UTC,                 daily,  2026-06-10T12:00:00Z",
                "Europe/Paris,        daily,  2026-06-10T21:59:59Z",
                "Europe/Paris,        daily,  2026-06-10T22:00:00Z",
                "America/New_York,    daily,  2026-03-08T12:00:00Z",
                "America/New_York,    daily,  2026-11-01T12:00:00Z",
                "Australia/Lord_Howe, daily,  2026-04-05T05:00:00Z",
                "Australia/Lord_Howe, daily,  2026-10-04T05:00:00Z",
                "Asia/Kathmandu,      daily,  2026-06-09T18:14:59Z",
                "Asia/Kathmandu,      daily,  2026-06-09T18:15:00Z",
                "Pacific/Kiritimati,  daily,  2026-06-10T11:00:00Z",
                "America/Havana,      daily,  2026-03-08T12:00:00Z", // midnight does not exist that day
                "America/Santiago,    daily,  2026-09-06T12:00:00Z",
                "UTC,                 weekly, 2026-06-10T12:00:00Z",
                "Europe/Berlin,       weekly, 2026-06-07T21:59:59Z",
                "Europe/Berlin,       weekly, 2026-06-07T22:00:00Z",
                "America/New_York,    weekly, 2026-03-08T12:00:00Z",
                "Pacific/Kiritimati,  weekly, 2026-06-14T11:00:00Z",
        })
        void agreesWithJavaTime(String zone, String period, String instant) {
            Instant at = at(instant);
            ZoneId z = ZoneId.of(zone);
            LocalDate day = at.atZone(z).toLocalDate();
            LocalDate first = period.equals("daily") ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LocalDate next = period.equals("daily") ? first.plusDays(1) : first.plusWeeks(1);

            Object[] bounds = db.query("select period_start, period_end from period_bounds(?, ?, ?)", zone, period, at).get(0);

            assertEquals(first.atStartOfDay(z).toInstant(), bounds[0]);
            assertEquals(next.atStartOfDay(z).toInstant(), bounds[1]);
        }

        @Test
        void dstDaysInNewYorkLast23And25Hours() {
            assertEquals(Duration.ofHours(23), length("America/New_York", "daily", at("2026-03-08T12:00:00Z")));
            assertEquals(Duration.ofHours(25), length("America/New_York", "daily", at("2026-11-01T12:00:00Z")));
            assertEquals(Duration.ofHours(7 * 24 - 1), length("America/New_York", "weekly", at("2026-03-08T12:00:00Z")));
        }

        @Test
        void lordHoweShiftsByHalfAnHour() {
            assertEquals(Duration.ofMinutes(24 * 60 + 30), length("Australia/Lord_Howe", "daily", at("2026-04-05T05:00:00Z")));
            assertEquals(Duration.ofMinutes(24 * 60 - 30), length("Australia/Lord_Howe", "daily", at("2026-10-04T05:00:00Z")));
        }

        private Duration length(String zone, String period, Instant at) {
            Object[] bounds = db.query("select period_start, period_end from period_bounds(?, ?, ?)", zone, period, at).get(0);
            return Duration.between((Instant) bounds[0], (Instant) bounds[1]);
        }
    }

    // ------------------------------------------------------------------------- boundaries

    @Test
    void onlyThePartOfALogInsideTheDayCounts() {
        String paris = "Europe/Paris";
        UUID group = group(GroupSpec.daily(paris, 120));
        db.setNow(local(paris, "2026-06-10T23:50"));
        // crosses the local midnight that starts the day: 30 of its 90 minutes count
        db.focused(group, bob, local(paris, "2026-06-09T23:00"), local(paris, "2026-06-10T00:30"));
        // inside: 60 minutes
        db.focused(group, bob, local(paris, "2026-06-10T10:00"), local(paris, "2026-06-10T11:00"));
        // open since 23:30: 20 minutes up to now
        UUID running = db.runningSession(group, bob, local(paris, "2026-06-10T23:30"));
        db.log(db.participant(running, bob), local(paris, "2026-06-10T23:30"), null);

        Progress p = progress(group, bob);

        assertEquals(local(paris, "2026-06-10T00:00"), p.periodStart());
        assertEquals(local(paris, "2026-06-11T00:00"), p.periodEnd());
        assertEquals((30 + 60 + 20) * 60, p.secondsDone());
        assertTrue(p.isFocusing());
        assertFalse(p.goalMet());
    }

    @Test
    void theWeekStartsOnLocalMonday() {
        String berlin = "Europe/Berlin";
        UUID group = group(GroupSpec.weekly(berlin, 600));
        db.setNow(local(berlin, "2026-06-10T12:00")); // a Wednesday
        // Sunday 23:00 -> Monday 01:00: one hour in this week
        db.focused(group, bob, local(berlin, "2026-06-07T23:00"), local(berlin, "2026-06-08T01:00"));
        db.focused(group, bob, local(berlin, "2026-06-09T09:00"), local(berlin, "2026-06-09T11:00"));

        Progress p = progress(group, bob);

        assertEquals(local(berlin, "2026-06-08T00:00"), p.periodStart());
        assertEquals(local(berlin, "2026-06-15T00:00"), p.periodEnd());
        assertEquals(3 * 3600, p.secondsDone());
    }

    // ------------------------------------------------------------------------- time zones

    @Test
    void springForwardDayInNewYorkHas23Hours() {
        String ny = "America/New_York";
        UUID group = group(GroupSpec.daily(ny, 120));
        db.setNow(local(ny, "2026-03-08T23:30"));
        // 01:00 EST -> 04:00 EDT is two real hours
        db.focused(group, bob, local(ny, "2026-03-08T01:00"), local(ny, "2026-03-08T04:00"));
        db.focused(group, bob, local(ny, "2026-03-07T23:00"), local(ny, "2026-03-08T00:30"));

        Progress p = progress(group, bob);

        assertEquals(at("2026-03-08T05:00:00Z"), p.periodStart());
        assertEquals(at("2026-03-09T04:00:00Z"), p.periodEnd());
        assertEquals(Duration.ofHours(23), p.length());
        assertEquals(2 * 3600 + 1800, p.secondsDone());
        assertTrue(p.goalMet());
    }

    @Test
    void fallBackDayInNewYorkHas25Hours() {
        String ny = "America/New_York";
        UUID group = group(GroupSpec.daily(ny, 1440));
        // bob focused all 25 hours of the day (and an hour either side)
        db.focused(group, bob, local(ny, "2026-10-31T23:00"), local(ny, "2026-11-02T01:00"));
        db.setNow(local(ny, "2026-11-01T23:59"));

        Progress p = progress(group, bob);

        assertEquals(at("2026-11-01T04:00:00Z"), p.periodStart());
        assertEquals(at("2026-11-02T05:00:00Z"), p.periodEnd());
        assertEquals(25 * 3600, p.secondsDone());
        assertTrue(p.goalMet(), "25 hours meet a 24-hour target");
    }

    @Test
    void lordHoweEndsDaylightSavingByHalfAnHour() {
        String lordHowe = "Australia/Lord_Howe";
        UUID group = group(GroupSpec.daily(lordHowe, 60));
        db.focused(group, bob, local(lordHowe, "2026-04-04T23:00"), local(lordHowe, "2026-04-06T01:00"));
        db.setNow(local(lordHowe, "2026-04-05T12:00"));

        Progress p = progress(group, bob);

        assertEquals(at("2026-04-04T13:00:00Z"), p.periodStart()); // 00:00 +11:00
        assertEquals(at("2026-04-05T13:30:00Z"), p.periodEnd());   // 00:00 +10:30
        assertEquals(24 * 3600 + 1800, p.secondsDone());
    }

    @Test
    void kathmanduDaysStartAtQuarterPastSixPmUtc() {
        String kathmandu = "Asia/Kathmandu";
        UUID group = group(GroupSpec.daily(kathmandu, 60));
        db.focused(group, bob, at("2026-06-09T18:00:00Z"), at("2026-06-09T18:30:00Z"));
        db.setNow(at("2026-06-10T00:00:00Z"));

        Progress p = progress(group, bob);

        assertEquals(at("2026-06-09T18:15:00Z"), p.periodStart());
        assertEquals(15 * 60, p.secondsDone());
    }

    @Test
    void kiritimatiIsADayAheadOfUtc() {
        String kiritimati = "Pacific/Kiritimati";
        UUID group = group(GroupSpec.daily(kiritimati, 60));
        db.focused(group, bob, at("2026-06-10T09:30:00Z"), at("2026-06-10T10:30:00Z"));
        db.setNow(at("2026-06-10T11:00:00Z")); // June 10 in UTC, 01:00 on June 11 there

        Progress p = progress(group, bob);

        assertEquals(at("2026-06-10T10:00:00Z"), p.periodStart());
        assertEquals(at("2026-06-11T10:00:00Z"), p.periodEnd());
        assertEquals(30 * 60, p.secondsDone());
    }

    // ------------------------------------------------------------------------- the group window

    @Test
    void aGroupStartingTodayCountsFromItsStart() {
        String paris = "Europe/Paris";
        Instant start = local(paris, "2026-06-10T14:00");
        UUID group = group(GroupSpec.daily(paris, 60).window(start, start.plus(Duration.ofDays(30))));
        // a group session may run before the group starts: only the part after 14:00 counts
        db.focused(group, bob, local(paris, "2026-06-10T13:00"), local(paris, "2026-06-10T14:45"));
        db.setNow(local(paris, "2026-06-10T18:00"));

        Progress p = progress(group, bob);

        assertEquals(start, p.periodStart());
        assertEquals(local(paris, "2026-06-11T00:00"), p.periodEnd());
        assertEquals(45 * 60, p.secondsDone());
    }

    @Test
    void aGroupEndingTodayCountsUntilItsEnd() {
        String paris = "Europe/Paris";
        Instant end = local(paris, "2026-06-10T18:00");
        UUID group = group(GroupSpec.daily(paris, 60).window(end.minus(Duration.ofDays(30)), end));
        db.focused(group, bob, local(paris, "2026-06-10T17:00"), local(paris, "2026-06-10T19:00"));
        db.setNow(local(paris, "2026-06-10T17:59"));

        Progress p = progress(group, bob);

        assertEquals(local(paris, "2026-06-10T00:00"), p.periodStart());
        assertEquals(end, p.periodEnd());
        assertEquals(3600, p.secondsDone());
    }

    @Test
    void outsideTheWindowTheCalendarPeriodIsReportedWithNothingDone() {
        String paris = "Europe/Paris";
        Instant start = local(paris, "2026-06-11T09:00");
        UUID group = group(GroupSpec.daily(paris, 60).window(start, start.plus(Duration.ofDays(7))));
        db.focused(group, bob, local(paris, "2026-06-10T10:00"), local(paris, "2026-06-10T11:00"));
        db.setNow(local(paris, "2026-06-10T12:00")); // the day before the group starts

        Progress p = progress(group, bob);

        assertEquals(local(paris, "2026-06-10T00:00"), p.periodStart());
        assertEquals(local(paris, "2026-06-11T00:00"), p.periodEnd());
        assertEquals(0, p.secondsDone());
        assertFalse(p.goalMet());

        db.setNow(local(paris, "2026-06-20T12:00")); // after it ended
        Progress after = progress(group, bob);
        assertEquals(local(paris, "2026-06-20T00:00"), after.periodStart());
        assertEquals(0, after.secondsDone());
    }

    // ------------------------------------------------------------------------- what counts

    @Test
    void onlySessionsOfThisGroupCount() {
        UUID group = group(GroupSpec.daily("UTC", 60));
        UUID otherGroup = group(GroupSpec.daily("UTC", 60));
        db.focused(group, bob, at("2026-06-10T08:00:00Z"), at("2026-06-10T08:10:00Z"));
        db.focused(otherGroup, bob, at("2026-06-10T09:00:00Z"), at("2026-06-10T10:00:00Z"));
        db.focused(null, bob, at("2026-06-10T10:00:00Z"), at("2026-06-10T11:00:00Z")); // personal session
        db.setNow(at("2026-06-10T12:00:00Z"));
        UUID running = db.runningSession(otherGroup, bob, at("2026-06-10T11:30:00Z"));
        db.log(db.participant(running, bob), at("2026-06-10T11:30:00Z"), null);

        Progress p = progress(group, bob);
        assertEquals(600, p.secondsDone());
        assertFalse(p.isFocusing(), "focusing in another group");

        Progress inOther = progress(otherGroup, bob);
        assertEquals(3600 + 1800, inOther.secondsDone());
        assertTrue(inOther.isFocusing());
    }

    @Test
    void oneRowPerMemberEvenWithoutLogs() {
        UUID group = group(GroupSpec.daily("UTC", 60));
        db.member(group, db.profile(), "admin");
        long rows = db.queryOne("select count(*) from group_member_period_progress where group_id = ?", group);
        assertEquals(3, rows);
        Progress idle = progress(group, ann);
        assertEquals(0, idle.secondsDone());
        assertFalse(idle.isFocusing());
    }

    @Test
    void theOverrideReplacesTheGroupTarget() {
        UUID group = db.group(ann, GroupSpec.daily("UTC", 60));
        db.member(group, bob, "member", 30);
        db.focused(group, ann, at("2026-06-10T08:00:00Z"), at("2026-06-10T08:40:00Z"));
        db.focused(group, bob, at("2026-06-10T08:00:00Z"), at("2026-06-10T08:40:00Z"));
        db.setNow(at("2026-06-10T12:00:00Z"));

        assertEquals(60, progress(group, ann).targetMinutes());
        assertFalse(progress(group, ann).goalMet());
        assertEquals(30, progress(group, bob).targetMinutes());
        assertTrue(progress(group, bob).goalMet());
    }

    @Test
    void theGoalIsMetAtExactlyTheTarget() {
        UUID group = group(GroupSpec.daily("UTC", 1));
        db.focused(group, ann, at("2026-06-10T08:00:00Z"), at("2026-06-10T08:00:59Z"));
        db.focused(group, bob, at("2026-06-10T08:00:00Z"), at("2026-06-10T08:01:00Z"));
        db.setNow(at("2026-06-10T12:00:00Z"));

        assertEquals(59, progress(group, ann).secondsDone());
        assertFalse(progress(group, ann).goalMet());
        assertEquals(60, progress(group, bob).secondsDone());
        assertTrue(progress(group, bob).goalMet());
    }

    /**
     * The cost guard, without timing: a member's logs are found through the exclusion constraint's
     * GiST index, searched with the clamped period (bounded on both sides), not by reading all
     * their history. Sequential scans are switched off because a test table is tiny.
     */
    @Test
    void theLogsOfAPeriodAreAnIndexSearchBoundedByThePeriod() {
        UUID group = group(GroupSpec.daily("UTC", 60));
        String plan = db.planWithoutSeqScan("select * from group_member_period_progress where group_id = ?", group);
        assertTrue(plan.matches("(?s).*Index Cond: \\(\\(user_id = m\\.user_id\\) AND \\(tstzrange\\(started_at, ended_at.*"),
                plan);
        assertTrue(plan.contains("time_logs_no_overlap"), plan);
    }

    @Test
    void anOpenLogCountsUpToNow() {
        UUID group = group(GroupSpec.daily("UTC", 60));
        UUID session = db.runningSession(group, bob, at("2026-06-10T07:00:00Z"));
        db.setNow(at("2026-06-10T08:00:00Z"));
        db.log(db.participant(session, bob), at("2026-06-10T07:30:00Z"), null);

        assertEquals(30 * 60, progress(group, bob).secondsDone());
        db.setNow(at("2026-06-10T08:30:00Z"));
        assertEquals(60 * 60, progress(group, bob).secondsDone());
        assertTrue(progress(group, bob).goalMet());
        // the next day counts only from midnight
        db.setNow(at("2026-06-11T00:15:00Z"));
        assertEquals(15 * 60, progress(group, bob).secondsDone());
    }
}
