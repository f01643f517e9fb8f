package app.lockin.sql;

import app.lockin.sql.SqlFixture.GroupSpec;
import app.lockin.sql.TimeModel.Log;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Property: group_period_history() (V8_2) agrees with an independent java.time computation of the
 * periods (local days or ISO weeks from {@code LocalDate.atStartOfDay(zone)}, clamped to the group
 * window, newest first, at most {@code limit}, starting before {@code before}) and of each member's
 * seconds in them (only this group's logs; an open log up to now), in zones with DST, half-hour
 * and 45-minute offsets and +14, with "now" aimed at the zone's transitions.
 */
class PeriodHistoryPropertyTest {

    private static SqlFixture db;

    @BeforeContainer
    static void connect() throws SQLException {
        db = SqlFixture.connectedNow();
    }

    @AfterContainer
    static void close() throws SQLException {
        db.close();
    }

    /** The gap before a log, its length (microseconds), whose it is, and whether it is of this group. */
    record LogSpec(long gapMicros, long lengthMicros, boolean byOwner, boolean inGroup) {
    }

    record Cell(Instant periodStart, Instant periodEnd, boolean isCurrent, UUID userId, long secondsDone, boolean goalMet) {
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(TimeModel.ZONES);
    }

    @Provide
    Arbitrary<LogSpec> logs() {
        return Combinators.combine(
                Arbitraries.longs().between(0, Duration.ofHours(50).toNanos() / 1000),
                Arbitraries.longs().between(1, Duration.ofHours(26).toNanos() / 1000),
                Arbitraries.of(true, false),
                Arbitraries.of(true, true, false)).as(LogSpec::new);
    }

    @Property(tries = 60)
    void periodsAndSecondsMatchJavaTime(@ForAll("zones") String zoneName,
                                        @ForAll boolean weekly,
                                        @ForAll @IntRange(min = 0, max = 500) int startDay,
                                        @ForAll @IntRange(min = 0, max = 86_399) int startSecond,
                                        @ForAll @IntRange(min = 1, max = 60) int lengthDays,
                                        @ForAll boolean aimAtTransition,
                                        @ForAll @IntRange(min = -3, max = 70) int nowDay,
                                        @ForAll @IntRange(min = 0, max = 86_399) int nowSecond,
                                        @ForAll @IntRange(min = -1, max = 60) int beforeDay,
                                        @ForAll @IntRange(min = 1, max = 8) int limit,
                                        @ForAll @IntRange(min = 1, max = 300) int targetMinutes,
                                        @ForAll @Size(max = 12) List<@From("logs") LogSpec> specs,
                                        @ForAll boolean lastOpen) {
        ZoneId zone = ZoneId.of(zoneName);
        Instant start = TimeModel.EPOCH.plus(Duration.ofDays(startDay)).plusSeconds(startSecond);
        Instant end = start.plus(Duration.ofDays(lengthDays));
        Instant now = start.plus(Duration.ofDays(nowDay)).plusSeconds(nowSecond);
        if (aimAtTransition) {
            now = TimeModel.nearTransition(zone, start, Duration.ofDays(2).toSeconds() - nowSecond);
        }
        Instant before = beforeDay < 0 ? null : start.plus(Duration.ofDays(beforeDay)).plusSeconds(nowSecond);

        UUID owner = db.profile();
        UUID bob = db.profile();
        UUID group = db.group(owner, (weekly ? GroupSpec.weekly(zoneName, targetMinutes) : GroupSpec.daily(zoneName, targetMinutes))
                .window(start, end));
        UUID other = db.group(owner, GroupSpec.daily(zoneName, 60));
        db.member(group, bob, "member");
        db.member(other, bob, "member");

        // logs from 3 days before the window up to now, of both members, some in another group
        List<Log> ownerLogs = new ArrayList<>();
        List<Log> bobLogs = new ArrayList<>();
        Instant cursor = start.minus(Duration.ofDays(3));
        db.setNow(now);
        for (int i = 0; i < specs.size(); i++) {
            LogSpec spec = specs.get(i);
            Instant from = cursor.plus(Duration.ofNanos(spec.gapMicros() * 1000));
            Instant until = from.plus(Duration.ofNanos(spec.lengthMicros() * 1000));
            if (!until.isBefore(now)) {
                break;
            }
            boolean open = lastOpen && i == specs.size() - 1;
            UUID user = spec.byOwner() ? owner : bob;
            UUID logGroup = spec.inGroup() ? group : other;
            if (open) {
                UUID session = db.runningSession(logGroup, user, from);
                db.log(db.participant(session, user), from, null);
            } else {
                db.focused(logGroup, user, from, until);
            }
            if (spec.inGroup()) {
                (spec.byOwner() ? ownerLogs : bobLogs).add(new Log(from, open ? null : until));
            }
            cursor = until;
        }

        List<Cell> expected = expected(zone, weekly, start, end, now, before, limit, targetMinutes,
                Map.of(owner, ownerLogs, bob, bobLogs));
        List<Cell> actual = db.query("""
                        select period_start, period_end, is_current, user_id, seconds_done, goal_met
                          from group_period_history(?, ?, ?)""", group, before, limit).stream()
                .map(r -> new Cell((Instant) r[0], (Instant) r[1], (Boolean) r[2], (UUID) r[3], (Long) r[4], (Boolean) r[5]))
                .sorted(ORDER).toList();
        Instant shownNow = now;
        assertEquals(expected, actual, () -> "now " + shownNow + " owner " + ownerLogs + " bob " + bobLogs);
        db.resetNow();
    }

    private static final Comparator<Cell> ORDER = Comparator.comparing(Cell::periodStart).reversed()
            .thenComparing(Cell::userId);

    private static List<Cell> expected(ZoneId zone, boolean weekly, Instant start, Instant end, Instant now,
                                       Instant before, int limit, int targetMinutes, Map<UUID, List<Log>> logs) {
        Instant anchor = TimeModel.min(now, end.minus(1, ChronoUnit.MICROS));
        if (before != null) {
            anchor = TimeModel.min(anchor, before.minus(1, ChronoUnit.MICROS));
        }
        List<Cell> cells = new ArrayList<>();
        if (anchor.isBefore(start)) {
            return cells;
        }
        LocalDate first = LocalDate.ofInstant(anchor, zone);
        if (weekly) {
            first = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
        int step = weekly ? 7 : 1;
        for (int k = 0; k < limit; k++) {
            LocalDate day = first.minusDays((long) k * step);
            Instant periodStart = TimeModel.max(TimeModel.startOf(day, zone), start);
            Instant periodEnd = TimeModel.min(TimeModel.startOf(day.plusDays(step), zone), end);
            if (!periodStart.isBefore(periodEnd)) {
                continue;
            }
            boolean current = !now.isBefore(periodStart) && now.isBefore(periodEnd);
            for (Map.Entry<UUID, List<Log>> member : logs.entrySet()) {
                long seconds = TimeModel.totalSeconds(member.getValue(), periodStart, periodEnd, now);
                cells.add(new Cell(periodStart, periodEnd, current, member.getKey(), seconds, seconds >= targetMinutes * 60L));
            }
        }
        cells.sort(ORDER);
        return cells;
    }
}
