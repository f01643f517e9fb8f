package app.lockin.ejb.idempotency;

import java.util.UUID;

/** What claiming a key decided for a request (SPEC §15). */
public sealed interface Claim {

    /** This request holds the key: execute it, then {@code complete} or {@code release} with the token. */
    record Claimed(UUID token) implements Claim {
    }

    /** The key was used for another method, path or body: 422 {@code idempotency_key_reused}. */
    record Reused() implements Claim {
    }

    /** The same request is executing under this key right now: 409 {@code idempotency_key_in_flight}. */
    record InFlight() implements Claim {
    }

    /** The same request was answered already: send this answer again, execute nothing. */
    record Replay(StoredAnswer answer) implements Claim {
    }
}
