package app.lockin.web.group;

import app.lockin.web.json.Patch;
import app.lockin.web.json.Removable;

import java.util.Set;

/**
 * {@code PATCH /api/groups/{id}/members/{userId}}: a new personal target ({@code null} returns the
 * member to the group's), a new role, or both. The target's bounds depend on the group's period
 * and are the service's to check.
 */
public record MemberPatch(@Removable Integer overridePeriodTargetMinutes, String role, Set<String> sentFields)
        implements Patch {
}
