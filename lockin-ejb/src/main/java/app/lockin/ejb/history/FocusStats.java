package app.lockin.ejb.history;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/me/stats} (SPEC §12): the caller's focus time per local day of {@code timezone}
 * (echoed as given), the range's total and longest log, and the streaks over all history.
 */
public record FocusStats(String timezone, LocalDate from, LocalDate to, long totalSeconds, List<Day> days,
                         long longestLogSeconds, int currentStreakDays, int bestStreakDays) {

    /** Whole seconds of focus on one local date (floored per day). */
    public record Day(LocalDate date, long seconds) {
    }
}
