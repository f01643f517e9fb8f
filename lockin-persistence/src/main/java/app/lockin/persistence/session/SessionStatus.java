package app.lockin.persistence.session;

import app.lockin.persistence.common.LowercaseEnumConverter;

/**
 * A session's state; stored as 'created' / 'running' / 'paused' / 'stopped'. The transitions of
 * SPEC §7: created -&gt; running (start), running -&gt; paused (pause), paused -&gt; running (resume),
 * created|running|paused -&gt; stopped (stop).
 */
public enum SessionStatus {
    CREATED,
    RUNNING,
    PAUSED,
    STOPPED;

    public boolean canBecome(SessionStatus next) {
        return switch (next) {
            case CREATED -> false;
            case RUNNING -> this == CREATED || this == PAUSED;
            case PAUSED -> this == RUNNING;
            case STOPPED -> this != STOPPED;
        };
    }

    public static class Converter extends LowercaseEnumConverter<SessionStatus> {
        public Converter() {
            super(SessionStatus.class);
        }
    }
}
