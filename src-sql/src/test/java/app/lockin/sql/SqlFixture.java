package app.lockin.sql;

import org.postgresql.util.PSQLException;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One connection to a migrated test database and small helpers that insert the rows the tests
 * talk about (a profile, a group, a member, a session, a log), so each test reads as its rule.
 * Every helper creates new rows: tests sharing the database never see each other's people.
 */
final class SqlFixture implements AutoCloseable, BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    static final String CHECK_VIOLATION = "23514";
    static final String UNIQUE_VIOLATION = "23505";
    static final String EXCLUSION_VIOLATION = "23P01";
    static final String FOREIGN_KEY_VIOLATION = "23503";

    /** The default group window: wide enough to hold every date the tests use. */
    static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant DEFAULT_END = Instant.parse("2028-01-01T00:00:00Z");

    private static final AtomicInteger counter = new AtomicInteger();

    private Connection connection;
    private TestDatabase database;

    private SqlFixture() {
    }

    /**
     * For {@code @RegisterExtension static final SqlFixture db = SqlFixture.perTestClass()}: a
     * fresh migrated database per test class (connected before the first test instance is made,
     * so instance fields may insert rows), the clock reset after every test, closed at the end.
     */
    static SqlFixture perTestClass() {
        return new SqlFixture();
    }

    /**
     * For test engines that have no JUnit Jupiter extensions (the jqwik property tests): a fixture
     * connected to a fresh migrated database now; the caller closes it.
     */
    static SqlFixture connectedNow() throws SQLException {
        SqlFixture fixture = new SqlFixture();
        fixture.connection = TestDatabase.migratedDatabase().connect();
        return fixture;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        if (connection == null) { // @Nested classes run beforeAll again with the outer fixture
            database = TestDatabase.migratedDatabase();
            connection = database.connect();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        resetNow();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (context.getRequiredTestClass().getEnclosingClass() == null) {
            close();
        }
    }

    Connection connection() {
        return connection;
    }

    /** Another session on the same database, for tests of concurrent transactions; the caller closes it. */
    Connection anotherConnection() throws SQLException {
        return database.connect();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    // ------------------------------------------------------------------------------- the clock

    /** Travels in time: lockin_now() answers this instant until {@link #resetNow()}. */
    void setNow(Instant now) {
        queryOne("select set_config('lockin.now', ?, false)", now.toString());
    }

    void resetNow() {
        queryOne("select set_config('lockin.now', '', false)");
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** A wall-clock time in a zone, e.g. {@code local("America/New_York", "2026-03-08T00:00")}. */
    static Instant local(String zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    // ------------------------------------------------------------------------------- rows

    UUID profile() {
        return insertReturningId("insert into profiles (display_name) values (?) returning id",
                "person " + counter.incrementAndGet());
    }

    /** The defaults of a group; each with* returns a changed copy. */
    record GroupSpec(String timezone, String period, int targetMinutes, Instant startAt, Instant endAt,
                     String status) {
        static GroupSpec daily(String timezone, int targetMinutes) {
            return new GroupSpec(timezone, "daily", targetMinutes, DEFAULT_START, DEFAULT_END, "active");
        }

        static GroupSpec weekly(String timezone, int targetMinutes) {
            return new GroupSpec(timezone, "weekly", targetMinutes, DEFAULT_START, DEFAULT_END, "active");
        }

        GroupSpec window(Instant start, Instant end) {
            return new GroupSpec(timezone, period, targetMinutes, start, end, status);
        }

        GroupSpec archived() {
            return new GroupSpec(timezone, period, targetMinutes, startAt, endAt, "archived");
        }
    }

    /** A group owned by {@code owner}, with the owner as its 'owner' member. */
    UUID group(UUID owner, GroupSpec spec) {
        UUID group = insertReturningId("""
                        insert into groups (owner_id, name, description, start_at, end_at, timezone, period,
                                            period_target_minutes, status)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'active') returning id""",
                owner, "group " + counter.incrementAndGet(), "a test group", spec.startAt(), spec.endAt(),
                spec.timezone(), spec.period(), spec.targetMinutes());
        member(group, owner, "owner");
        if (spec.status().equals("archived")) {
            update("update groups set status = 'archived' where id = ?", group);
        }
        return group;
    }

    UUID group(UUID owner) {
        return group(owner, GroupSpec.daily("UTC", 60));
    }

    UUID member(UUID group, UUID user, String role) {
        return member(group, user, role, null);
    }

    UUID member(UUID group, UUID user, String role, Integer overrideMinutes) {
        return insertReturningId("""
                insert into group_members (group_id, user_id, role, override_period_target_minutes)
                values (?, ?, ?, ?) returning id""", group, user, role, overrideMinutes);
    }

    /** Backdates a membership: the member joined at {@code at} (group_members.created_at). */
    void joined(UUID group, UUID user, Instant at) {
        assertEquals(1, update("update group_members set created_at = ? where group_id = ? and user_id = ?", at, group, user));
    }

    /** A session in state 'created' (never started); group may be null for a personal session. */
    UUID createdSession(UUID group, UUID creator) {
        return insertReturningId("""
                insert into sessions (group_id, creator_id, status) values (?, ?, 'created') returning id""",
                group, creator);
    }

    /** A session running since {@code startedAt} (its upper bound is now). */
    UUID runningSession(UUID group, UUID creator, Instant startedAt) {
        return insertReturningId("""
                insert into sessions (group_id, creator_id, status, started_at, running_since)
                values (?, ?, 'running', ?, ?) returning id""", group, creator, startedAt, startedAt);
    }

    /** A session that ran over [startedAt, endedAt]. */
    UUID stoppedSession(UUID group, UUID creator, Instant startedAt, Instant endedAt) {
        return insertReturningId("""
                insert into sessions (group_id, creator_id, status, started_at, ended_at)
                values (?, ?, 'stopped', ?, ?) returning id""", group, creator, startedAt, endedAt);
    }

    UUID participant(UUID session, UUID user) {
        return insertReturningId("""
                insert into session_participants (session_id, user_id, role) values (?, ?, 'participant')
                returning id""", session, user);
    }

    /** A log; {@code endedAt} null makes it open. */
    UUID log(UUID participant, Instant startedAt, Instant endedAt) {
        return insertReturningId("""
                insert into time_logs (participant_id, started_at, ended_at) values (?, ?, ?) returning id""",
                participant, startedAt, endedAt);
    }

    /**
     * A member's time in one group over [startedAt, endedAt]: a stopped session of that group
     * covering exactly the log, with the user as participant. {@code group} null = personal.
     */
    UUID focused(UUID group, UUID user, Instant startedAt, Instant endedAt) {
        UUID session = stoppedSession(group, user, startedAt, endedAt);
        return log(participant(session, user), startedAt, endedAt);
    }

    UUID notification(UUID recipient, String kind, UUID group, Instant periodStart) {
        return insertReturningId("""
                insert into notifications (recipient_id, kind, title, group_id, period_start)
                values (?, ?, 'a title', ?, ?) returning id""", recipient, kind, group, periodStart);
    }

    // ------------------------------------------------------------------------------- plumbing

    int update(String sql, Object... params) {
        try (PreparedStatement s = prepare(sql, params)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw sneaky(e);
        }
    }

    /** The first column of the only row. */
    <T> T queryOne(String sql, Object... params) {
        List<Object[]> rows = query(sql, params);
        assertEquals(1, rows.size(), "rows of " + sql);
        @SuppressWarnings("unchecked")
        T value = (T) rows.get(0)[0];
        return value;
    }

    /**
     * The plan of {@code sql} (one line per plan line) as PostgreSQL picks it when sequential scans
     * are off: a test's tables fit in a few pages, where a plain scan would always win, so a plan
     * test asks which index the planner takes once it has to take one.
     */
    String planWithoutSeqScan(String sql, Object... params) {
        update("set enable_seqscan = off");
        try {
            return query("explain " + sql, params).stream().map(row -> (String) row[0]).reduce("", (a, b) -> a + b + "\n");
        } finally {
            update("reset enable_seqscan");
        }
    }

    /** All rows, columns as JDBC objects with timestamptz as {@link Instant}. */
    List<Object[]> query(String sql, Object... params) {
        try (PreparedStatement s = prepare(sql, params); ResultSet rs = s.executeQuery()) {
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
            throw sneaky(e);
        }
    }

    private UUID insertReturningId(String sql, Object... params) {
        UUID id = queryOne(sql, params);
        assertNotNull(id);
        return id;
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement s = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                s.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else {
                s.setObject(i + 1, p);
            }
        }
        return s;
    }

    /** SQL errors pass through unchanged (so tests can inspect the PSQLException). */
    private static RuntimeException sneaky(SQLException e) {
        return SqlFixture.<RuntimeException>rethrow(e);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable e) throws E {
        throw (E) e;
    }

    // ------------------------------------------------------------------------------- assertions

    /**
     * Runs {@code action}, expects PostgreSQL to refuse it with this SQLSTATE and constraint name
     * (the name the application maps to an API error code).
     */
    static PSQLException assertRejected(String sqlState, String constraint, Runnable action) {
        PSQLException e = assertThrows(PSQLException.class, action::run);
        if (e.getServerErrorMessage() == null) {
            fail("no server error message in " + e);
        }
        assertEquals(sqlState, e.getSQLState(), () -> "SQLSTATE of " + e.getMessage());
        assertEquals(constraint, e.getServerErrorMessage().getConstraint(), () -> "constraint of " + e.getMessage());
        return e;
    }
}
