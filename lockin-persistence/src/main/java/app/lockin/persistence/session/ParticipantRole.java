package app.lockin.persistence.session;

import app.lockin.persistence.common.LowercaseEnumConverter;

/** Stored as 'host' / 'participant'; the creator of a session is its host. */
public enum ParticipantRole {
    HOST,
    PARTICIPANT;

    public static class Converter extends LowercaseEnumConverter<ParticipantRole> {
        public Converter() {
            super(ParticipantRole.class);
        }
    }
}
