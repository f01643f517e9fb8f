package app.lockin.ejb.live;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;

/**
 * One change announced to every server (SPEC §11): a kind and the ids it concerns, never the
 * data — each server reads the fresh state itself, once per group per burst. Travels as the
 * payload of {@code pg_notify('lockin', …)} (at most 8000 bytes; these are well under 300).
 *
 * @param kind           what changed (the constants below)
 * @param groupId        the group whose race view or sessions changed
 * @param userId         the person concerned (revoked member, inbox owner, milestone member)
 * @param sessionId      the group session that changed state
 * @param notificationId the notification that landed in {@code userId}'s inbox
 * @param detail         the revocation reason ({@code removed}, {@code left}) or the milestone kind
 * @param periodStart    the milestone's period
 */
public record LiveChange(String kind, UUID groupId, UUID userId, UUID sessionId, UUID notificationId,
                         String detail, Instant periodStart) {

    /** The race view of {@code groupId} changed. */
    public static final String PROGRESS = "progress";
    /** The group session {@code sessionId} of {@code groupId} changed state. */
    public static final String SESSION = "session";
    /** A milestone ({@code detail}: its kind) of {@code userId} (null: the group's) in {@code groupId}. */
    public static final String MILESTONE = "milestone";
    /** {@code userId} is no longer a member of {@code groupId} ({@code detail}: removed or left). */
    public static final String REVOKED = "revoked";
    /** {@code userId} deleted their account: every stream of theirs ends (SPEC §14). */
    public static final String ACCOUNT_DELETED = "account_deleted";
    /** A notification landed in {@code userId}'s inbox. */
    public static final String NOTIFICATION = "notification";
    /** The unread count of {@code userId}'s inbox may have changed. */
    public static final String INBOX = "inbox";
    /**
     * Not sent by anyone: the listener reports it after (re)connecting, when notifications may have
     * been missed, so that every stream gets a fresh snapshot.
     */
    public static final String RESYNC = "resync";

    static LiveChange resync() {
        return new LiveChange(RESYNC, null, null, null, null, null, null);
    }

    String toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("k", kind);
        add(json, "g", groupId);
        add(json, "u", userId);
        add(json, "s", sessionId);
        add(json, "n", notificationId);
        add(json, "d", detail);
        add(json, "p", periodStart);
        return json.build().toString();
    }

    static LiveChange fromJson(String payload) {
        try (var reader = Json.createReader(new StringReader(payload))) {
            JsonObject json = reader.readObject();
            return new LiveChange(json.getString("k"), uuid(json, "g"), uuid(json, "u"), uuid(json, "s"),
                    uuid(json, "n"), text(json, "d"), json.containsKey("p") ? Instant.parse(text(json, "p")) : null);
        }
    }

    private static void add(JsonObjectBuilder json, String key, Object value) {
        if (value != null) {
            json.add(key, value.toString());
        }
    }

    private static String text(JsonObject json, String key) {
        return json.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static UUID uuid(JsonObject json, String key) {
        String text = text(json, key);
        return text == null ? null : UUID.fromString(text);
    }
}
