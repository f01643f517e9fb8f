/**
 * Focus sessions (SPEC §7): {@link app.lockin.persistence.session.FocusSession} (table
 * {@code sessions}) and its state machine {@link app.lockin.persistence.session.SessionTransition},
 * {@link app.lockin.persistence.session.SessionParticipant} ({@code session_participants}) and
 * {@link app.lockin.persistence.session.TimeLog} ({@code time_logs}). Database rules surfacing as
 * constraint names: {@code time_logs_within_session}, {@code time_logs_no_overlap},
 * {@code time_logs_one_open_per_user}, {@code time_logs_ended_after_started},
 * {@code session_participants_unique_user}.
 */
package app.lockin.persistence.session;
