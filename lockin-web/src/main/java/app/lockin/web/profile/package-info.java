/** The caller's profile: {@code /api/me} (SPEC §4). */
package app.lockin.web.profile;
