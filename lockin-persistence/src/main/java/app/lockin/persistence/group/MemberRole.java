package app.lockin.persistence.group;

import app.lockin.persistence.common.LowercaseEnumConverter;

/** Stored as 'owner' / 'admin' / 'member'. */
public enum MemberRole {
    OWNER,
    ADMIN,
    MEMBER;

    /** Owners and admins manage members and invites (SPEC §5, §6). */
    public boolean canManageMembers() {
        return this != MEMBER;
    }

    public static class Converter extends LowercaseEnumConverter<MemberRole> {
        public Converter() {
            super(MemberRole.class);
        }
    }
}
