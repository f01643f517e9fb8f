package app.lockin.ejb.idempotency;

/**
 * The answer a request with an idempotency key gave, as replayed to its retries: status, the
 * headers that matter ({@code Content-Type}, {@code Location}, {@code ETag}; null when absent) and
 * the body bytes exactly as sent (empty when there was none).
 */
public record StoredAnswer(int status, String contentType, String location, String etag, byte[] body) {

    public StoredAnswer {
        body = body == null ? new byte[0] : body;
    }
}
