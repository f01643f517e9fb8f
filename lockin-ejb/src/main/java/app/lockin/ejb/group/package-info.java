/**
 * Groups and their members (SPEC §5): creation, listing, cloning, member management, the input
 * rules ({@link app.lockin.ejb.group.GroupRules}), adding a membership
 * ({@link app.lockin.ejb.group.Memberships}, shared with invite acceptance), and
 * {@link app.lockin.ejb.group.GroupAccess}, the single visibility and role rule every
 * group-scoped service applies.
 */
package app.lockin.ejb.group;
