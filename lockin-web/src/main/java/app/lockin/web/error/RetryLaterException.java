package app.lockin.web.error;

/**
 * A refusal the client should retry after {@link #retryAfterSeconds()}: 429
 * {@code too_many_requests} (a per-user limit) or 503 {@code server_busy} (a server-wide one),
 * answered as problem+json with a {@code Retry-After} header.
 */
public class RetryLaterException extends RuntimeException {

    private final int status;
    private final String code;
    private final int retryAfterSeconds;

    public RetryLaterException(int status, String code, String detail, int retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
