package app.lockin.persistence.group;

import app.lockin.persistence.common.LowercaseEnumConverter;

/** Stored as 'active' / 'archived'. */
public enum GroupStatus {
    ACTIVE,
    ARCHIVED;

    public static class Converter extends LowercaseEnumConverter<GroupStatus> {
        public Converter() {
            super(GroupStatus.class);
        }
    }
}
