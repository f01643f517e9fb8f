package app.lockin.web.profile;

/** {@code POST /api/profiles/avatar/upload-url}: what the client is about to upload. */
public record AvatarUploadRequest(String contentType, Long contentLength) {
}
