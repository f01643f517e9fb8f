package app.lockin.ejb.session;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The race view of one group (SPEC §7, §11.1) held in server memory: what the database said at
 * {@link #builtAt()}, reduced to the parts that do not move with the clock, from which
 * {@link #rowsAt} computes the rows of any later instant of the same period exactly as the view
 * {@code group_member_period_progress} would (same flooring, same pace thresholds; {@code
 * RaceSnapshotTest} compares the two at many instants). Read by {@code RaceViews}; it is only
 * correct while nothing it was built from changed, which the change notifications tell.
 *
 * @param members          in the view's tie order (display name, then user id, as the database sorts)
 * @param builtAt          the database's "now" when it was read
 * @param validUntil       the end of the calendar period, or earlier when a log starts later
 *                         (only when the clock travels): beyond it the parts below would be wrong
 * @param firstRunningSince the earliest {@code running_since} of the group's running sessions:
 *                         from {@code + LOCKIN_SESSION_MAX_RUN} on, SPEC §15 must stop one first
 * @param milestones       the milestone notifications of the current period that exist
 */
public record RaceSnapshot(UUID groupId, List<Member> members, Instant builtAt, Instant validUntil,
                           Instant firstRunningSince, Set<Milestones.Milestone> milestones) {

    /**
     * One member's clock-free parts: a row of {@link ProgressService#SNAPSHOT_SQL}.
     *
     * @param periodStart  as shown (the clamped period, or the calendar one when the clamp is empty)
     * @param clampStart   the period clamped to the group window (empty when start &gt;= end)
     * @param closedMicros the closed logs' time inside the clamp, in microseconds (not floored)
     * @param openFrom     where the open log starts counting (its start, clamped), null without one
     * @param nextLogStart the first log inside the clamp that starts at or after "now" (clock travel)
     * @param pastStreak   the streak before the current period ({@code member_streak} with the
     *                     current period unmet): the current period adds one when it is met
     * @param runningSince the earliest {@code running_since} of the group's running sessions (the
     *                     same on every row)
     */
    public record Member(UUID userId, String displayName, String avatarUrl, int targetMinutes,
                         Instant periodStart, Instant periodEnd, Instant clampStart, Instant clampEnd,
                         Instant calendarEnd, long closedMicros, Instant openFrom, Instant nextLogStart,
                         boolean isFocusing, int pastStreak, Instant runningSince, Instant builtAt) {
    }

    static RaceSnapshot of(UUID groupId, List<Member> members, Set<Milestones.Milestone> milestones) {
        Instant builtAt = members.get(0).builtAt();
        Instant validUntil = members.get(0).calendarEnd();
        for (Member m : members) {
            if (m.nextLogStart() != null && m.nextLogStart().isBefore(validUntil)) {
                validUntil = m.nextLogStart();
            }
        }
        return new RaceSnapshot(groupId, List.copyOf(members), builtAt, validUntil, members.get(0).runningSince(),
                Set.copyOf(milestones));
    }

    public boolean hasMember(UUID userId) {
        return members.stream().anyMatch(m -> m.userId().equals(userId));
    }

    /** Whether {@link #rowsAt}{@code (now)} is right: same period, no clock going back, no log yet to start. */
    public boolean validAt(Instant now) {
        return !now.isBefore(builtAt) && now.isBefore(validUntil);
    }

    /** Whether a session of the group is due to be stopped at {@code now} (SPEC §15: only the database does that). */
    public boolean sessionDue(Instant now, Duration maxRun) {
        return firstRunningSince != null && !now.isBefore(firstRunningSince.plus(maxRun));
    }

    /** Whether {@code rows} (of this snapshot) show a milestone whose notification did not exist when it was read. */
    public boolean milestonesMissing(List<ProgressRow> rows) {
        return !milestones.containsAll(Milestones.due(rows));
    }

    /** The race view at {@code now} (within {@link #validAt}), most seconds_done first. */
    public List<ProgressRow> rowsAt(Instant now) {
        List<ProgressRow> rows = new ArrayList<>(members.size());
        for (Member m : members) {
            rows.add(rowOf(m, now));
        }
        rows.sort(Comparator.comparingLong(ProgressRow::secondsDone).reversed()); // stable: ties keep the name order
        return rows;
    }

    /** The view's columns (V3, V7), computed in microseconds where the view computes in numeric seconds. */
    private static ProgressRow rowOf(Member m, Instant now) {
        long open = m.openFrom() == null ? 0 : micros(m.openFrom(), min(now, m.clampEnd()));
        long secondsDone = Math.floorDiv(m.closedMicros() + open, 1_000_000L);
        long target = m.targetMinutes() * 60L;
        boolean goalMet = secondsDone >= target;
        boolean empty = !m.clampStart().isBefore(m.clampEnd());
        long expected = empty ? 0 : Math.floorDiv(
                Math.multiplyExact(target, micros(m.clampStart(), min(max(now, m.clampStart()), m.clampEnd()))),
                micros(m.clampStart(), m.clampEnd()));
        long leftMicros = Math.max(0, micros(max(now, m.clampStart()), m.clampEnd()));
        long margin = 3L * m.targetMinutes(); // 0.05 * target_minutes * 60
        String pace;
        if (goalMet) {
            pace = "done";
        } else if ((target - secondsDone) * 1_000_000L > leftMicros) {
            pace = "out_of_reach";
        } else if (secondsDone >= expected + margin) {
            pace = "ahead";
        } else if (secondsDone < expected - margin) {
            pace = "behind";
        } else {
            pace = "on_track";
        }
        return new ProgressRow(m.userId(), m.displayName(), m.avatarUrl(), secondsDone, m.targetMinutes(), goalMet,
                m.periodStart(), m.periodEnd(), m.isFocusing(), expected, pace, m.pastStreak() + (goalMet ? 1 : 0));
    }

    private static long micros(Instant from, Instant to) {
        return ChronoUnit.MICROS.between(from, to);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
