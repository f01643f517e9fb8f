package app.lockin.ejb.common;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which database failures are a passing outage (503), a lost reference (409), or a bug (500). */
class DatabaseFaultsTest {

    @Test
    void outagesAreRecognisedThroughTheWrappers() {
        for (String state : new String[] {"08001", "08006", "57014", "55P03", "57P01", "57P03", "53300"}) {
            Throwable wrapped = new IllegalStateException("EJB", new RuntimeException("JPA", new SQLException("db", state)));
            assertEquals(state, DatabaseFaults.unavailability(wrapped).orElseThrow().getSQLState());
        }
        assertTrue(DatabaseFaults.unavailability(new RuntimeException(new SQLTransientConnectionException("pool wait"))).isPresent());
    }

    @Test
    void bugsAndRefusalsAreNotOutages() {
        for (String state : new String[] {"23505", "23514", "42P01", "22P02", null}) {
            assertTrue(DatabaseFaults.unavailability(new RuntimeException(new SQLException("db", state))).isEmpty(), state);
        }
        assertTrue(DatabaseFaults.unavailability(new NullPointerException()).isEmpty());
    }

    @Test
    void aForeignKeyRefusalIsALostReference() {
        assertTrue(DatabaseFaults.lostReference(new RuntimeException(new SQLException("fk", "23503"))).isPresent());
        assertTrue(DatabaseFaults.lostReference(new RuntimeException(new SQLException("unique", "23505"))).isEmpty());
    }
}
