package app.lockin.ejb.common;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a database that cannot answer now from a bug (SPEC §16): an outage or restart, a
 * statement cancelled by {@code statement_timeout} or {@code lock_timeout}, or no pooled
 * connection free in time. These are answered 503 {@code unavailable} with {@code Retry-After};
 * anything else stays an unexpected error.
 *
 * <p>The failure reaches the caller wrapped by JPA, Hibernate, the connection pool and the EJB
 * container in turn, so the whole cause chain is searched for the SQL state.
 */
public final class DatabaseFaults {

    /** SQL states (PostgreSQL appendix A) that mean "not now" rather than "wrong". */
    private static final Set<String> NOT_NOW = Set.of(
            "57014", // query_canceled: statement_timeout
            "55P03", // lock_not_available: lock_timeout
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now: starting up or shutting down
            "53300", // too_many_connections
            "40001", // serialization_failure
            "40P01"); // deadlock_detected

    private DatabaseFaults() {
    }

    /** The SQL failure in {@code failure}'s causes that makes it a passing outage, if any. */
    public static Optional<SQLException> unavailability(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isNotNow(sql)) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /**
     * A foreign key refused a row because what it refers to was deleted while the request ran
     * (SQL state 23503), e.g. a write racing with its own account's deletion (SPEC §14): the
     * state changed under the request, a conflict rather than a bug. Keys a service expects to
     * be refused are translated before this, by {@link DatabaseRules}.
     */
    public static Optional<SQLException> lostReference(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23503".equals(sql.getSQLState())) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private static boolean isNotNow(SQLException e) {
        // the pool's own "no connection in time" is an SQLTransientConnectionException
        if (e instanceof SQLTransientConnectionException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        // class 08: connection exceptions (refused, broken, closed during a restart)
        return state != null && (state.startsWith("08") || NOT_NOW.contains(state));
    }
}
