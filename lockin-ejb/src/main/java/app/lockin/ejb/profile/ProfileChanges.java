package app.lockin.ejb.profile;

/**
 * {@code PATCH /api/me}: which fields the client sent. A field not sent is left as it is; for
 * {@code avatar_url}, sending {@code null} removes the avatar.
 */
public record ProfileChanges(boolean renames, String displayName, boolean changesAvatar, String avatarUrl) {
}
