package app.lockin.ejb.session;

import java.time.Instant;
import java.util.UUID;

/**
 * One participant of a session (SPEC §7): {@code focusedSeconds} is the sum of their logs in this
 * session, an open one up to now; {@code isFocusing} whether one is open. {@code leftAt} (beyond
 * the spec) tells a participant who left from one still in the session.
 */
public record ParticipantView(UUID userId, String displayName, String role, Instant joinedAt, Instant leftAt,
                              long focusedSeconds, boolean isFocusing) {
}
