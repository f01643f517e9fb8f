package app.lockin.persistence.session;

import app.lockin.persistence.common.LowercaseEnumConverter;

/**
 * A session's state; stored as 'created' / 'running' / 'paused' / 'stopped'. The transitions
 * between them are {@link SessionTransition}'s.
 */
public enum SessionStatus {
    CREATED,
    RUNNING,
    PAUSED,
    STOPPED;

    public static class Converter extends LowercaseEnumConverter<SessionStatus> {
        public Converter() {
            super(SessionStatus.class);
        }
    }
}
