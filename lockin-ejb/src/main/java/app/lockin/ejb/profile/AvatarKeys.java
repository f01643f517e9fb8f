package app.lockin.ejb.profile;

import app.lockin.ejb.common.FieldChecks;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The avatar rules of SPEC §4: which uploads are allowed, and the object key layout
 * {@code avatars/{user_id}/{random}.{ext}}. Because the user id is part of the key and only this
 * server signs uploads, a key under a user's prefix can only have been handed out to that user:
 * {@link #isKeyOf} is the whole ownership check, with no lookup anywhere.
 */
final class AvatarKeys {

    static final long MAX_BYTES = 5L * 1024 * 1024;

    /** Allowed content types and the extension their keys end with. */
    static final Map<String, String> EXTENSIONS = Map.of("image/jpeg", "jpg", "image/png", "png", "image/webp", "webp");

    private static final String UUID_TEXT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern KEY = Pattern.compile("avatars/(" + UUID_TEXT + ")/(" + UUID_TEXT + ")\\.(jpg|png|webp)");

    private AvatarKeys() {
    }

    /**
     * Both fields checked at once, so the client learns every mistake in one round trip (400
     * {@code validation_failed} naming each field).
     */
    static void validate(String contentType, Long contentLength) {
        FieldChecks checks = new FieldChecks();
        if (checks.require("content_type", contentType) && !EXTENSIONS.containsKey(contentType)) {
            checks.refuse("content_type", "must be one of image/jpeg, image/png, image/webp");
        }
        if (checks.require("content_length", contentLength) && (contentLength < 1 || contentLength > MAX_BYTES)) {
            checks.refuse("content_length", "must be between 1 and " + MAX_BYTES + " bytes (5 MiB)");
        }
        checks.throwIfAny();
    }

    /** A fresh key for this user's upload: the random part makes every upload a new object. */
    static String newKey(UUID userId, String contentType) {
        return "avatars/" + userId + "/" + UUID.randomUUID() + "." + EXTENSIONS.get(contentType);
    }

    /** Whether {@code key} is, character for character, a key {@link #newKey} makes for this user. */
    static boolean isKeyOf(UUID userId, String key) {
        Matcher m = KEY.matcher(key);
        return m.matches() && m.group(1).equals(userId.toString());
    }
}
