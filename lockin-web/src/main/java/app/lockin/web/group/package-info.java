/** Groups and their members over HTTP (SPEC §5): {@code /api/groups}, {@code /api/groups/{id}/members}. */
package app.lockin.web.group;
