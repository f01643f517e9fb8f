package app.lockin.persistence.inbox;

import app.lockin.persistence.common.LowercaseEnumConverter;

/** Stored as 'group_invite', 'milestone_member', 'milestone_group', 'session_reminder', 'generic'. */
public enum NotificationKind {
    GROUP_INVITE,
    MILESTONE_MEMBER,
    MILESTONE_GROUP,
    SESSION_REMINDER,
    GENERIC;

    public static class Converter extends LowercaseEnumConverter<NotificationKind> {
        public Converter() {
            super(NotificationKind.class);
        }
    }
}
