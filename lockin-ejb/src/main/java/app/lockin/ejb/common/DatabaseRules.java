package app.lockin.ejb.common;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Data rules live in the database (SPEC §3); this turns the database's refusal into the business
 * exception it stands for. Every rule raises a stable constraint name (a constraint, or a trigger
 * that raises with {@code CONSTRAINT = '<name>'}); services name the ones they expect.
 *
 * <p>The JDBC driver belongs to the server, not the application, so its exception type is read
 * reflectively ({@code PSQLException.getServerErrorMessage().getConstraint()}).
 */
public final class DatabaseRules {

    private DatabaseRules() {
    }

    /**
     * Flushes now, so a refused change fails here with its meaning rather than later at commit.
     * A violation of a constraint named in {@code meanings} becomes that exception; any other
     * failure propagates unchanged (it is a bug, not an answer).
     */
    public static void flush(EntityManager em, Map<String, Supplier<? extends LockinException>> meanings) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw translate(e, meanings);
        }
    }

    /** The exception {@code failure} stands for, or {@code failure} itself when no rule matches. */
    public static RuntimeException translate(RuntimeException failure,
                                             Map<String, Supplier<? extends LockinException>> meanings) {
        return violatedConstraint(failure).map(meanings::get).<RuntimeException>map(Supplier::get).orElse(failure);
    }

    /** The name of the constraint the database refused, if the failure is such a refusal. */
    public static Optional<String> violatedConstraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                Optional<String> name = constraintOf(sql);
                if (name.isPresent()) {
                    return name;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> constraintOf(SQLException e) {
        try {
            Object message = e.getClass().getMethod("getServerErrorMessage").invoke(e);
            if (message == null) {
                return Optional.empty();
            }
            return Optional.ofNullable((String) message.getClass().getMethod("getConstraint").invoke(message));
        } catch (ReflectiveOperationException | ClassCastException notPostgres) {
            return Optional.empty();
        }
    }
}
