package app.lockin.persistence.group;

import app.lockin.persistence.common.LowercaseEnumConverter;

/** The length of a group's goal period (SPEC §7); stored as 'daily' / 'weekly'. */
public enum GroupPeriod {
    DAILY(1440),
    WEEKLY(10080);

    private final int maxTargetMinutes;

    GroupPeriod(int maxTargetMinutes) {
        this.maxTargetMinutes = maxTargetMinutes;
    }

    /** The largest target (group or personal) a period can hold; the schema checks the same bound. */
    public int maxTargetMinutes() {
        return maxTargetMinutes;
    }

    public static class Converter extends LowercaseEnumConverter<GroupPeriod> {
        public Converter() {
            super(GroupPeriod.class);
        }
    }
}
