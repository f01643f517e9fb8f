/**
 * Groups over HTTP (SPEC §5, §7): {@code /api/groups}, its members, and the race view of the
 * current period.
 */
package app.lockin.web.group;
