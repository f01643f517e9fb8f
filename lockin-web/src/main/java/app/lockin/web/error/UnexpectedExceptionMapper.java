package app.lockin.web.error;

import app.lockin.ejb.common.DatabaseFaults;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything nobody anticipated: logged once with its stack trace and an incident id for the
 * operator; the client gets a bare 500 with that id and nothing else (no class names, no SQL).
 *
 * <p>A database that cannot answer now (SPEC §16: restarting, a statement over
 * {@code LOCKIN_DB_STATEMENT_TIMEOUT}, no pooled connection in time) is not a bug: 503
 * {@code unavailable} with {@code Retry-After}. An outage fails every request, so it is logged
 * as one line per {@link #OUTAGE_LOG_INTERVAL_SECONDS} with the count of refusals since, never
 * a stack trace per request.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
    private static final int RETRY_AFTER_SECONDS = 2;
    private static final long OUTAGE_LOG_INTERVAL_SECONDS = 10;

    private static final AtomicLong nextOutageLog = new AtomicLong(Long.MIN_VALUE);
    private static final AtomicLong refusedSinceLog = new AtomicLong();

    @Override
    public Response toResponse(Throwable e) {
        var outage = DatabaseFaults.unavailability(e);
        if (outage.isPresent()) {
            logOutage(outage.get());
            return RetryLaterMapper.response(503, "unavailable", "The service is briefly unavailable; retry shortly",
                    RETRY_AFTER_SECONDS);
        }
        if (DatabaseFaults.lostReference(e).isPresent()) {
            LOG.fine(() -> "A reference was deleted while a request ran: " + e);
            return Problem.response(409, "conflict", "Something this request refers to was deleted while it ran");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unhandled error, incident " + incident, e);
        return Problem.response(500, "internal_error", "Unexpected error; incident " + incident);
    }

    private static void logOutage(SQLException cause) {
        long refused = refusedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long next = nextOutageLog.get();
        if ((next == Long.MIN_VALUE || now - next >= 0)
                && nextOutageLog.compareAndSet(next, now + TimeUnit.SECONDS.toNanos(OUTAGE_LOG_INTERVAL_SECONDS))) {
            refusedSinceLog.addAndGet(-refused);
            LOG.warning(() -> "Database unavailable, " + refused + " request(s) answered 503 (SQL state "
                    + cause.getSQLState() + "): " + cause.getMessage());
        }
    }
}
