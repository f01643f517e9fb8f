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

/** Plain JDBC on the database the server under test uses: to arrange rows and to check outcomes. */
public final class Db {

    /** The tables this API writes; {@link #snapshot()} reads them all. */
    private static final List<String> TABLES = List.of("profiles", "groups", "group_members", "notifications", "invite_links");

    private Db() {
    }

    /** Every row; timestamptz columns as {@link Instant}. */
    public static List<List<Object>> rows(String sql, Object... params) {
        try (Connection c = TestEnvironment.database().connect(); PreparedStatement s = prepare(c, sql, params);
             ResultSet rs = s.executeQuery()) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    row.add(value instanceof Timestamp ? rs.getObject(i, OffsetDateTime.class).toInstant() : value);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static Object value(String sql, Object... params) {
        List<List<Object>> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + ": " + sql);
        }
        return rows.get(0).get(0);
    }

    public static long count(String sql, Object... params) {
        return ((Number) value(sql, params)).longValue();
    }

    public static int update(String sql, Object... params) {
        try (Connection c = TestEnvironment.database().connect(); PreparedStatement s = prepare(c, sql, params)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every row of every table this API writes, as text. Comparing two snapshots proves a refused
     * request changed nothing anywhere (not only in the rows the test thought of).
     */
    public static String snapshot() {
        StringBuilder all = new StringBuilder();
        for (String table : TABLES) {
            all.append(table).append(":\n");
            rows("select * from " + table + " order by 1").forEach(r -> all.append(r).append('\n'));
        }
        return all.toString();
    }

    /** A statement with its parameters bound; an {@link Instant} is bound as a UTC timestamptz. */
    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i] instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : params[i]);
        }
        return s;
    }
}
