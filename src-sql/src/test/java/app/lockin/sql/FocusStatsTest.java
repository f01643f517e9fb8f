package app.lockin.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static app.lockin.sql.SqlFixture.at;
import static app.lockin.sql.SqlFixture.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The personal statistics functions (SPEC §12): seconds per local day, the longest log, and the
 * streaks over all history. The property test ({@code FocusStatsProperties}) compares the days
 * with java.time across many zones; these are the named cases.
 */
class FocusStatsTest {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();

    final UUID ann = db.profile();

    List<Long> days(UUID user, String zone, String from, String to) {
        return db.query("select day, seconds from user_focus_days(?, ?, ?::date, ?::date)", user, zone, from, to)
                .stream().map(r -> (Long) r[1]).toList();
    }

    List<LocalDate> dates(UUID user, String zone, String from, String to) {
        return db.query("select day from user_focus_days(?, ?, ?::date, ?::date)", user, zone, from, to)
                .stream().map(r -> ((java.sql.Date) r[0]).toLocalDate()).toList();
    }

    long longest(UUID user, String zone, String from, String to) {
        return db.queryOne("select user_longest_log(?, ?, ?::date, ?::date)", user, zone, from, to);
    }

    int[] streaks(UUID user, String zone) {
        Object[] row = db.query("select current_streak_days, best_streak_days from user_focus_streaks(?, ?)", user, zone).get(0);
        return new int[]{(Integer) row[0], (Integer) row[1]};
    }

    @Test
    void everyDayOfTheRangeAscendingWithZeroDaysAndPersonalAndGroupTimeAlike() {
        UUID group = db.group(ann);
        db.focused(null, ann, at("2026-06-08T10:00:00Z"), at("2026-06-08T10:30:00Z"));
        db.focused(group, ann, at("2026-06-08T11:00:00Z"), at("2026-06-08T11:00:10.9Z"));
        db.focused(group, ann, at("2026-06-09T23:30:00Z"), at("2026-06-10T00:15:00Z"));
        db.setNow(at("2026-06-12T12:00:00Z"));

        assertEquals(List.of(LocalDate.parse("2026-06-07"), LocalDate.parse("2026-06-08"), LocalDate.parse("2026-06-09"),
                LocalDate.parse("2026-06-10"), LocalDate.parse("2026-06-11")), dates(ann, "UTC", "2026-06-07", "2026-06-11"));
        assertEquals(List.of(0L, 30 * 60L + 10, 30 * 60L, 15 * 60L, 0L), days(ann, "UTC", "2026-06-07", "2026-06-11"),
                "floored per day; a log crossing midnight split between its days");
        assertEquals(45 * 60, longest(ann, "UTC", "2026-06-07", "2026-06-11"));
        assertEquals(30 * 60, longest(ann, "UTC", "2026-06-07", "2026-06-08"));
        assertEquals(45 * 60, longest(ann, "UTC", "2026-06-09", "2026-06-10"));
        assertEquals(15 * 60, longest(ann, "UTC", "2026-06-10", "2026-06-10"), "clipped to the range");
        assertEquals(0, longest(ann, "UTC", "2026-06-11", "2026-06-11"));
    }

    @Test
    void daysAreLocalDaysOfTheAskedZoneAndDstDaysAreCountedExactly() {
        String ny = "America/New_York";
        UUID other = db.profile();
        // the whole spring-forward day, 23 hours, and the whole fall-back day, 25 hours
        db.focused(null, other, local(ny, "2026-03-08T00:00"), local(ny, "2026-03-09T00:00"));
        db.focused(null, other, local(ny, "2026-11-01T00:00"), local(ny, "2026-11-02T00:00"));
        db.setNow(at("2026-12-01T00:00:00Z"));

        assertEquals(List.of(0L, 23 * 3600L, 0L), days(other, ny, "2026-03-07", "2026-03-09"));
        assertEquals(List.of(0L, 25 * 3600L, 0L), days(other, ny, "2026-10-31", "2026-11-02"));
        // the same 23 hours seen from UTC: two partial days
        assertEquals(List.of(19 * 3600L, 4 * 3600L), days(other, "UTC", "2026-03-08", "2026-03-09"));
        // +05:45
        UUID third = db.profile();
        db.focused(null, third, at("2026-06-09T18:00:00Z"), at("2026-06-09T18:30:00Z"));
        assertEquals(List.of(15 * 60L, 15 * 60L), days(third, "Asia/Kathmandu", "2026-06-09", "2026-06-10"));
    }

    @Test
    void anOpenLogCountsUpToNow() {
        UUID other = db.profile();
        UUID session = db.runningSession(null, other, at("2026-06-10T09:00:00Z"));
        db.setNow(at("2026-06-10T10:00:00Z"));
        db.log(db.participant(session, other), at("2026-06-10T09:15:00Z"), null);

        assertEquals(List.of(45 * 60L, 0L), days(other, "UTC", "2026-06-10", "2026-06-11"));
        assertEquals(45 * 60, longest(other, "UTC", "2026-06-10", "2026-06-11"));
    }

    @Test
    void streaksCountDaysOfAtLeastAMinuteOverAllHistory() {
        UUID other = db.profile();
        // a 5-day run long ago, then 3 days ending yesterday, today only 59 s
        for (String day : List.of("2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04", "2025-02-05",
                "2026-06-07", "2026-06-08", "2026-06-09")) {
            db.focused(null, other, at(day + "T08:00:00Z"), at(day + "T08:01:00Z"));
        }
        db.focused(null, other, at("2026-06-06T08:00:00Z"), at("2026-06-06T08:00:59Z")); // 59 s: breaks the run
        db.focused(null, other, at("2026-06-10T08:00:00Z"), at("2026-06-10T08:00:59Z"));
        db.setNow(at("2026-06-10T12:00:00Z"));

        assertEquals(3, streaks(other, "UTC")[0], "from yesterday while today has less than a minute");
        assertEquals(5, streaks(other, "UTC")[1]);

        db.focused(null, other, at("2026-06-10T09:00:00Z"), at("2026-06-10T09:00:01Z")); // today reaches 60 s
        assertEquals(4, streaks(other, "UTC")[0]);

        db.setNow(at("2026-06-12T12:00:00Z")); // yesterday empty: the run is over
        assertEquals(0, streaks(other, "UTC")[0]);
        assertEquals(5, streaks(other, "UTC")[1]);
        // in Kiritimati (+14) 08:00Z is already the next local day
        assertEquals(0, streaks(db.profile(), "Pacific/Kiritimati")[1]);
    }

    /** The range's days cost what the range holds: one bounded search of the GiST index. */
    @Test
    void theDaysOfARangeAreOneIndexSearchBoundedByTheRange() throws SQLException {
        UUID other = db.profile();
        db.update("""
                insert into sessions (creator_id, status, started_at, ended_at)
                values (?, 'stopped', '2024-01-01T00:00:00Z', '2026-06-01T00:00:00Z')""", other);
        UUID session = db.queryOne("select id from sessions where creator_id = ?", other);
        UUID participant = db.participant(session, other);
        db.update("""
                insert into time_logs (participant_id, started_at, ended_at)
                select ?, d, d + interval '1 hour' from generate_series('2024-01-01T10:00:00Z'::timestamptz,
                                                                       '2026-05-30T10:00:00Z', interval '1 day') d""",
                participant);
        db.update("analyze time_logs");
        db.setNow(at("2026-06-01T12:00:00Z"));
        Connection c = db.connection();
        db.update("set enable_seqscan = off");
        c.setAutoCommit(false);
        try {
            String plan = db.query("explain (analyze, buffers) select * from user_focus_days(?, 'UTC', '2026-05-01', '2026-05-10')",
                    other).stream().map(row -> (String) row[0]).reduce("", (a, b) -> a + b + "\n");
            assertTrue(plan.contains("time_logs_no_overlap"), plan);
            assertFalse(plan.contains("Seq Scan on time_logs"), plan);
            String counters = "select idx_tup_fetch from pg_stat_xact_user_tables where relname = 'time_logs'";
            long before = ((Number) db.queryOne(counters)).longValue();
            assertEquals(10, days(other, "UTC", "2026-05-01", "2026-05-10").size());
            long fetched = ((Number) db.queryOne(counters)).longValue() - before;
            assertTrue(fetched <= 11, "the 10 logs of the range, not the 880 of the history: " + fetched);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
            db.update("reset enable_seqscan");
        }
    }

    /**
     * local_instant() (V8_1) resolves local midnights as java.time does: "AT TIME ZONE" alone
     * takes the later of two occurrences, java.time the earlier.
     */
    @Test
    void localMidnightsAreResolvedAsJavaDoes() {
        // Azores: DST ends at 01:00 local, so 00:00 happens twice on 2026-10-25; java.time takes the first
        java.time.ZoneId azores = java.time.ZoneId.of("Atlantic/Azores");
        assertEquals(at("2026-10-25T01:00:00Z"), db.<Instant>queryOne("select '2026-10-25'::timestamp at time zone 'Atlantic/Azores'"),
                "PostgreSQL's own choice, the later one");
        assertEquals(LocalDate.parse("2026-10-25").atStartOfDay(azores).toInstant(),
                db.<Instant>queryOne("select local_instant('2026-10-25', 'Atlantic/Azores')"));
        assertEquals(LocalDate.parse("2026-10-25").atStartOfDay(azores).toInstant(), db.<Instant>queryOne(
                "select period_end from period_bounds('Atlantic/Azores', 'daily', '2026-10-24T12:00:00Z')"));
        UUID other = db.profile();
        db.focused(null, other, at("2026-10-24T00:00:00Z"), at("2026-10-27T00:00:00Z"));
        db.setNow(at("2026-12-01T00:00:00Z"));
        assertEquals(List.of(24 * 3600L, 25 * 3600L), days(other, "Atlantic/Azores", "2026-10-24", "2026-10-25"));
        // Santiago: DST starts at 24:00, so 2026-09-06 00:00 does not exist; java.time takes the instant after the gap
        assertEquals(LocalDate.parse("2026-09-06").atStartOfDay(java.time.ZoneId.of("America/Santiago")).toInstant(),
                db.<Instant>queryOne("select local_instant('2026-09-06', 'America/Santiago')"));
        // an ordinary midnight and Lord Howe's half-hour shift
        assertEquals(LocalDate.parse("2026-04-05").atStartOfDay(java.time.ZoneId.of("Australia/Lord_Howe")).toInstant(),
                db.<Instant>queryOne("select local_instant('2026-04-05', 'Australia/Lord_Howe')"));
        assertEquals(at("2026-06-10T00:00:00Z"), db.<Instant>queryOne("select local_instant('2026-06-10', 'UTC')"));
    }
}
