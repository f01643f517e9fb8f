/**
 * Groups and their members (SPEC §5), and {@link app.lockin.ejb.group.GroupAccess}, the single
 * visibility and role rule every group-scoped service applies.
 */
package app.lockin.ejb.group;
