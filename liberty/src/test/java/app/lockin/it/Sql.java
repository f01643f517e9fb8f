package app.lockin.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the test database directly (plain JDBC on the PostgreSQL the server uses), to assert
 * what a request did or did not change. Inserts of test data live in {@link GroupFixtures}.
 */
final class Sql {

    private Sql() {
    }

    /** The first column of the only row, as a long (counts). */
    static long count(String sql, Object... params) {
        List<Object[]> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new AssertionError(rows.size() + " rows from " + sql);
        }
        return ((Number) rows.get(0)[0]).longValue();
    }

    /** Every row; timestamptz columns as {@link Instant}. */
    static List<Object[]> rows(String sql, Object... params) {
        try (Connection c = TestEnvironment.database().connect(); PreparedStatement s = prepare(c, sql, params);
             ResultSet rs = s.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    Object value = rs.getObject(i + 1);
                    row[i] = value instanceof Timestamp ? rs.getObject(i + 1, OffsetDateTime.class).toInstant() : value;
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i] instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : params[i]);
        }
        return s;
    }
}
