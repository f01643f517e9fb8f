package app.lockin.ejb.session;

import java.time.Instant;
import java.util.UUID;

/**
 * A session as the API shows it (SPEC §7). {@code focusedSeconds} is the sum of its running
 * intervals up to {@code serverTime}, whole seconds rounded down; the client renders it and never
 * computes elapsed time itself.
 */
public record SessionView(UUID id, UUID groupId, UUID creatorId, String status, Instant startedAt, Instant endedAt,
                          Instant createdAt, Instant serverTime, long focusedSeconds) {
}
