package app.lockin.ejb.group;

import app.lockin.ejb.common.ConflictException;
import app.lockin.ejb.common.FieldChecks;
import app.lockin.ejb.common.InvalidInputException;
import app.lockin.ejb.common.LockinException;
import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.group.GroupPeriod;
import app.lockin.persistence.group.MemberRole;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The rules of groups and memberships (SPEC §3, §5) that the services and the request records
 * share: the limits the schema also enforces (the web layer's constraints refer to them, and a
 * test compares them with the migrated schema), the period's target bounds, the roles a member may
 * be given, and the refusals every service raises the same way. The database is the guarantee:
 * its refusals are translated to the same answers ({@link #DATABASE_MEANINGS}).
 */
public final class GroupRules {

    /** The schema's bounds (groups_name_length, groups_description_length); SchemaLimitsTest keeps them equal. */
    public static final int NAME_MAX = 100;
    public static final int DESCRIPTION_MAX = 1000;

    /**
     * Zone names a JDK may know and the schema refuses (groups_timezone_valid), so that Java
     * refuses them first: the ones is_iana_timezone() excludes by name (legacy links, 'Factory';
     * older JDKs list some of them), and the SystemV/* names java.time keeps for compatibility
     * while PostgreSQL's zone data dropped them (tzdata 2020b). SchemaLimitsTest checks them
     * against the schema: every one refused, and no other zone of the running JDK.
     */
    static final Set<String> REFUSED_ZONES = Set.of("EST", "MST", "HST", "ROC", "Factory",
            "SystemV/AST4", "SystemV/AST4ADT", "SystemV/CST6", "SystemV/CST6CDT", "SystemV/EST5", "SystemV/EST5EDT",
            "SystemV/HST10", "SystemV/MST7", "SystemV/MST7MDT", "SystemV/PST8", "SystemV/PST8PDT", "SystemV/YST9",
            "SystemV/YST9YDT");
    private static final Set<String> KNOWN_ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    /** The database rules a group or membership change can break, and what each means to the client. */
    public static final Map<String, Supplier<? extends LockinException>> DATABASE_MEANINGS = Map.of(
            "groups_timezone_valid", () -> InvalidInputException.field("timezone", "must be an IANA time zone name"),
            "groups_end_after_start", () -> InvalidInputException.field("end_at", "must be after start_at"),
            "groups_period_target_minutes_range",
            () -> InvalidInputException.field("period_target_minutes", "is outside the bounds of the period"),
            "group_members_override_target_range", () -> InvalidInputException.field("override_period_target_minutes",
                    "is outside the bounds of the group's period"),
            "group_members_unique_member", GroupRules::alreadyMember,
            "group_members_group_active", GroupRules::groupArchived);

    private GroupRules() {
    }

    /**
     * Why {@code minutes} cannot be the target of a group with this period (a group's target and
     * a member's override alike), or empty: 1 up to a day for daily groups, up to a week for
     * weekly ones. With the period unknown (refused on its own) only the weekly bound applies.
     */
    public static Optional<String> targetRefusal(int minutes, String period) {
        return targetRefusalOf(minutes, WireNames.parse(GroupPeriod.class, period).orElse(null));
    }

    /** As {@link #targetRefusal(int, String)}, for a group's stored period. */
    static Optional<String> targetRefusalOf(int minutes, GroupPeriod period) {
        int max = period == null ? GroupPeriod.WEEKLY.maxTargetMinutes() : period.maxTargetMinutes();
        if (minutes >= 1 && minutes <= max) {
            return Optional.empty();
        }
        return Optional.of("must be between 1 and " + max + (period == null ? "" : " for a " + WireNames.of(period) + " group"));
    }

    /**
     * The role a member may be given: {@code admin} or {@code member}. Ownership is never
     * assigned directly (only clone_group hands it over); anything else is refused on {@code field}.
     */
    static MemberRole assignableRole(FieldChecks checks, String field, String value) {
        if ("admin".equals(value)) {
            return MemberRole.ADMIN;
        }
        if ("member".equals(value)) {
            return MemberRole.MEMBER;
        }
        checks.refuse(field, "must be admin or member");
        return null;
    }

    public static boolean isKnownZone(String zone) {
        return KNOWN_ZONES.contains(zone) && !REFUSED_ZONES.contains(zone);
    }

    public static ConflictException alreadyMember() {
        return new ConflictException("already_member", "This person is already a member of the group");
    }

    /**
     * 409 {@code group_archived}: the one refusal of everything an archived group no longer takes
     * (members, invites, sessions, focus time), whether Java or the database noticed first.
     */
    public static ConflictException groupArchived() {
        return new ConflictException("group_archived",
                "The group is archived: it takes no new members, sessions or focus time");
    }

}
