/**
 * Focus groups (SPEC §5): {@link app.lockin.persistence.group.FocusGroup} (table {@code groups})
 * and {@link app.lockin.persistence.group.Membership} (table {@code group_members}), with their
 * enumerations. The owner is a plain id ({@code owner_id}); a membership reaches its group and
 * person through lazy many-to-one associations because member lists show the person's name.
 * Rules enforced by the database and surfacing as constraint names: {@code group_members_unique_member},
 * {@code group_members_group_active} (archived group), {@code group_members_override_target_range},
 * {@code group_members_one_owner}, {@code groups_timezone_valid}, {@code groups_period_target_minutes_range}.
 */
package app.lockin.persistence.group;
