package app.lockin.persistence.inbox;

import app.lockin.persistence.common.LowercaseEnumConverter;

/** Stored as 'unread', 'read', 'accepted', 'declined' (the last two for invites only). */
public enum NotificationStatus {
    UNREAD,
    READ,
    ACCEPTED,
    DECLINED;

    public static class Converter extends LowercaseEnumConverter<NotificationStatus> {
        public Converter() {
            super(NotificationStatus.class);
        }
    }
}
