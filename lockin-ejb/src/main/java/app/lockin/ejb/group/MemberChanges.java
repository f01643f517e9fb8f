package app.lockin.ejb.group;

/**
 * {@code PATCH /api/groups/{id}/members/{userId}}: which fields the client sent. A field not sent
 * is left as it is; sending {@code override_period_target_minutes: null} returns the member to
 * the group's target.
 */
public record MemberChanges(boolean changesOverride, Integer overridePeriodTargetMinutes,
                            boolean changesRole, String role) {
}
