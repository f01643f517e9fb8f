package app.lockin.persistence.session;

import java.util.EnumSet;
import java.util.Set;

/**
 * The host's actions on a session and the one table of SPEC §7's state machine: each action, the
 * statuses it may start from, and the status it leads to. {@link FocusSession#apply} keeps the
 * session's timestamps in step; the services ask {@link #allowedFrom} to refuse with a readable
 * message first. The action names are the API's ({@code :start}, {@code :pause}, ...).
 */
public enum SessionTransition {
    START(EnumSet.of(SessionStatus.CREATED), SessionStatus.RUNNING),
    PAUSE(EnumSet.of(SessionStatus.RUNNING), SessionStatus.PAUSED),
    RESUME(EnumSet.of(SessionStatus.PAUSED), SessionStatus.RUNNING),
    STOP(EnumSet.of(SessionStatus.CREATED, SessionStatus.RUNNING, SessionStatus.PAUSED), SessionStatus.STOPPED);

    private final Set<SessionStatus> from;
    private final SessionStatus to;

    SessionTransition(Set<SessionStatus> from, SessionStatus to) {
        this.from = from;
        this.to = to;
    }

    public boolean allowedFrom(SessionStatus status) {
        return from.contains(status);
    }

    public SessionStatus to() {
        return to;
    }

    /** Whether the session runs afterwards: its joined participants' logs open, else they close. */
    public boolean startsRunning() {
        return to == SessionStatus.RUNNING;
    }
}
