package app.lockin.ejb.session;

import java.time.Instant;
import java.util.UUID;

/** A time log, e.g. the one a manual entry created; {@code endedAt} null while it is open. */
public record TimeLogView(UUID id, UUID sessionId, UUID userId, Instant startedAt, Instant endedAt,
                          Instant createdAt) {
}
