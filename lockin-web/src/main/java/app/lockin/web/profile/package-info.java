/** The caller's profile: {@code /api/me} and avatar upload URLs (SPEC §4). */
package app.lockin.web.profile;
