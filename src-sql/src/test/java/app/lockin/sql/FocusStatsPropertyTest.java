package app.lockin.sql;

import app.lockin.sql.TimeModel.Log;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Property: the stats functions of V8_3 (user_focus_days, user_longest_log, user_focus_streaks)
 * agree with an independent java.time computation, for random logs (up to 30 hours, so they cross
 * midnights and DST changes), in zones with DST (also 30-minute shifts and fall-backs across
 * midnight), half-hour and 45-minute offsets and +14, with ranges aimed at the zone's transitions.
 */
class FocusStatsPropertyTest {

    private static SqlFixture db;

    @BeforeContainer
    static void connect() throws SQLException {
        db = SqlFixture.connectedNow();
    }

    @AfterContainer
    static void close() throws SQLException {
        db.close();
    }

    /** The gap before a log and its length, in microseconds. */
    record LogSpec(long gapMicros, long lengthMicros) {
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(TimeModel.ZONES);
    }

    @Provide
    Arbitrary<LogSpec> logs() {
        return Combinators.combine(
                Arbitraries.longs().between(0, Duration.ofHours(40).toNanos() / 1000),
                Arbitraries.longs().between(1, Duration.ofHours(30).toNanos() / 1000)
                        .edgeCases(e -> e.add(59_999_999L).add(60_000_000L))).as(LogSpec::new);
    }

    @Property(tries = 60)
    void daysLongestLogAndStreaksMatchJavaTime(@ForAll("zones") String zoneName,
                                                @ForAll @IntRange(min = 0, max = 600) int startDay,
                                                @ForAll boolean aimAtTransition,
                                                @ForAll @IntRange(min = 1, max = 40) int rangeDays,
                                                @ForAll @Size(max = 14) List<@net.jqwik.api.From("logs") LogSpec> specs,
                                                @ForAll boolean lastOpen) {
        ZoneId zone = ZoneId.of(zoneName);
        Instant base = TimeModel.EPOCH.plus(Duration.ofDays(startDay));
        if (aimAtTransition) {
            base = TimeModel.nearTransition(zone, base, Duration.ofDays(3).toSeconds());
        }
        LocalDate from = LocalDate.ofInstant(base, zone);
        LocalDate to = from.plusDays(rangeDays - 1);

        UUID user = db.profile();
        List<Log> logs = new ArrayList<>();
        Instant cursor = TimeModel.startOf(from, zone).minus(Duration.ofDays(2));
        for (int i = 0; i < specs.size(); i++) {
            Instant start = cursor.plus(Duration.ofNanos(specs.get(i).gapMicros() * 1000));
            Instant end = start.plus(Duration.ofNanos(specs.get(i).lengthMicros() * 1000));
            boolean open = lastOpen && i == specs.size() - 1;
            logs.add(new Log(start, open ? null : end));
            cursor = end;
        }
        // now: inside the open log, or an hour after the last log
        Instant now = cursor.plus(lastOpen && !specs.isEmpty() ? Duration.ZERO : Duration.ofHours(1));
        db.setNow(now);
        for (Log log : logs) {
            if (log.end() == null) {
                UUID session = db.runningSession(null, user, log.start());
                db.log(db.participant(session, user), log.start(), null);
            } else {
                db.focused(null, user, log.start(), log.end());
            }
        }

        // the days of the range, the longest log
        List<Long> expectedDays = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            expectedDays.add(TimeModel.totalSeconds(logs, TimeModel.startOf(d, zone), TimeModel.startOf(d.plusDays(1), zone), now));
        }
        Instant rangeStart = TimeModel.startOf(from, zone);
        Instant rangeEnd = TimeModel.startOf(to.plusDays(1), zone);
        long expectedLongest = logs.stream()
                .mapToLong(l -> TimeModel.overlapMicros(l, rangeStart, rangeEnd, now) / 1_000_000).max().orElse(0);

        List<Object[]> rows = db.query("select day, seconds from user_focus_days(?, ?, ?::date, ?::date)",
                user, zoneName, from.toString(), to.toString());
        List<LocalDate> dates = rows.stream().map(r -> ((Date) r[0]).toLocalDate()).toList();
        assertEquals(from.datesUntil(to.plusDays(1)).toList(), dates, "every date, ascending");
        assertEquals(expectedDays, rows.stream().map(r -> (Long) r[1]).toList(), () -> "days of " + logs + " now " + now);
        assertEquals(expectedLongest, (long) db.<Long>queryOne("select user_longest_log(?, ?, ?::date, ?::date)",
                user, zoneName, from.toString(), to.toString()));

        // the streaks over all history
        TreeMap<LocalDate, Long> micros = new TreeMap<>();
        for (Log log : logs) {
            LocalDate d = LocalDate.ofInstant(log.start(), zone);
            for (; TimeModel.startOf(d, zone).isBefore(log.until(now)); d = d.plusDays(1)) {
                micros.merge(d, TimeModel.overlapMicros(log, TimeModel.startOf(d, zone),
                        TimeModel.startOf(d.plusDays(1), zone), now), Long::sum);
            }
        }
        List<LocalDate> streakDays = micros.entrySet().stream().filter(e -> e.getValue() >= 60_000_000L)
                .map(java.util.Map.Entry::getKey).toList();
        int best = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate d : streakDays) {
            run = previous != null && previous.plusDays(1).equals(d) ? run + 1 : 1;
            best = Math.max(best, run);
            previous = d;
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate last = streakDays.contains(today) ? today : today.minusDays(1);
        int current = 0;
        while (streakDays.contains(last.minusDays(current))) {
            current++;
        }
        Object[] streaks = db.query("select current_streak_days, best_streak_days from user_focus_streaks(?, ?)", user, zoneName).get(0);
        assertEquals(current, streaks[0], "current streak");
        assertEquals(best, streaks[1], "best streak");
        db.resetNow();
    }
}
