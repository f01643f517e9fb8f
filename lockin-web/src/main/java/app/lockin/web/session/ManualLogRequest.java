package app.lockin.web.session;

import java.time.Instant;

/** {@code POST /api/sessions/{id}/logs}: both ends are required (checked by the service, with every missing one named). */
public record ManualLogRequest(Instant startedAt, Instant endedAt) {
}
