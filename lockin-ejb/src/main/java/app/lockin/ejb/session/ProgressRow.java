package app.lockin.ejb.session;

import java.time.Instant;
import java.util.UUID;

/**
 * One member's progress in the group's current period: a row of the race view (SPEC §7), with its
 * pace (SPEC §11.1; {@code pace} is one of done, out_of_reach, ahead, behind, on_track).
 */
public record ProgressRow(UUID userId, String displayName, String avatarUrl, long secondsDone, int targetMinutes,
                          boolean goalMet, Instant periodStart, Instant periodEnd, boolean isFocusing,
                          long expectedSeconds, String pace, int streak) {
}
