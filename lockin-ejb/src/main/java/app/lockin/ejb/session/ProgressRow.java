package app.lockin.ejb.session;

import java.time.Instant;
import java.util.UUID;

/** One member's progress in the group's current period: a row of the race view (SPEC §7). */
public record ProgressRow(UUID userId, String displayName, String avatarUrl, long secondsDone, int targetMinutes,
                          boolean goalMet, Instant periodStart, Instant periodEnd, boolean isFocusing) {
}
