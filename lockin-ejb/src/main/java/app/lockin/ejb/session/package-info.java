/**
 * Focus sessions, time logs and the race view (SPEC §7): {@link app.lockin.ejb.session.SessionService}
 * (the host's state machine, join and leave), {@link app.lockin.ejb.session.TimeLogService} (manual
 * logs), {@link app.lockin.ejb.session.ProgressService} (the current period's progress), and the
 * pieces they share: who sees a session ({@link app.lockin.ejb.session.SessionAccess}), opening and
 * closing logs without anyone focusing twice ({@link app.lockin.ejb.session.FocusTime}) and the
 * milestone notifications ({@link app.lockin.ejb.session.Milestones}).
 */
package app.lockin.ejb.session;
