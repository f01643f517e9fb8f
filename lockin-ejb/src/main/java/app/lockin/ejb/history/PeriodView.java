package app.lockin.ejb.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One period of a group's history (SPEC §12): its clamped bounds, whether it is the current one,
 * whether every listed member met the goal, and each current member's result in it.
 */
public record PeriodView(Instant periodStart, Instant periodEnd, boolean isCurrent, boolean allMet,
                         List<Member> members) {

    /** A member's result in the period, judged with today's target. */
    public record Member(UUID userId, String displayName, long secondsDone, int targetMinutes, boolean goalMet) {
    }
}
