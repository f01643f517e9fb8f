/**
 * History and personal statistics (SPEC §12): read models over the SQL functions of V8_2 and V8_3
 * ({@code group_period_history}, {@code user_focus_days}, {@code user_longest_log},
 * {@code user_focus_streaks}), which own the period and day arithmetic, mapped to records here.
 */
package app.lockin.ejb.history;
