/**
 * Conditional updates (SPEC §15): {@link app.lockin.web.conditional.EntityTagFilter} puts the
 * {@code ETag} of a tagged view (the profile, a group, a member) on every successful answer that
 * carries one; the {@code PATCH} resources hand {@code If-Match} to their service, which compares
 * it on the locked row ({@code app.lockin.ejb.common.IfMatch}).
 */
package app.lockin.web.conditional;
