package app.lockin.ejb.profile;

import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /api/profiles/avatar/upload-url} (SPEC §4): a presigned PUT of one object. The
 * client sends {@code method} to {@code uploadUrl} with exactly {@code headers} and a body of the
 * announced length, before {@code expiresAt}; then PATCHes {@code /api/me} with {@code avatarUrl}.
 */
public record AvatarUpload(String method, String uploadUrl, Map<String, String> headers, String key,
                           String avatarUrl, Instant expiresAt) {
}
