package app.lockin.ejb.session;

import app.lockin.sql.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RaceSnapshot} computes, from what {@link ProgressService#SNAPSHOT_SQL} read at one
 * instant, the rows the view {@code group_member_period_progress} ({@link ProgressService#CURRENT_SQL})
 * answers at any later instant of the same period: compared row by row (every field) at instants
 * with microseconds, across the target, to the period's last microsecond, in groups whose window
 * starts or ends inside the period, that have not started, weekly, with streaks, overrides, open
 * logs started before the period and logs in other groups. Also what ends a snapshot's life.
 */
class RaceSnapshotTest {

    private static Connection db;
    @BeforeAll
    static void migratedSchema() throws SQLException {
        db = TestDatabase.migratedDatabase().connect();
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    /** Daily in Paris, 60 minutes: logs before, across and inside today, an open log since yesterday, a streak. */
    @Test
    void dailyGroupMatchesTheViewAllDay() throws SQLException {
        Instant built = at("2026-03-10T09:15:00.123456Z");
        now(built.minus(Duration.ofDays(3)));
        UUID owner = profile("Zoé");
        UUID group = group(owner, "daily", "Europe/Paris", 60, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
        UUID ana = member(group, profile("ana"), 30);
        UUID bob = member(group, profile("Bob"), null);
        UUID carl = member(group, profile("carl"), null);
        member(group, profile("Ana"), null); // no time at all, like the next two: ties by name, then user id
        member(group, profile("Bob"), null);
        member(group, profile("Bob"), null);
        for (int day = 1; day <= 3; day++) { // a 3-day streak for Bob before today
            Instant start = at("2026-03-10T08:00:00Z").minus(Duration.ofDays(day));
            focused(group, bob, start, start.plus(Duration.ofMinutes(61)));
        }
        focused(group, ana, at("2026-03-09T22:30:00.5Z"), at("2026-03-09T23:20:00.25Z")); // across Paris midnight
        focused(group, ana, at("2026-03-10T06:00:00.000001Z"), at("2026-03-10T06:10:00Z"));
        UUID other = group(carl, "weekly", "UTC", 120, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
        member(other, ana, null);
        focused(other, ana, at("2026-03-10T07:00:00Z"), at("2026-03-10T08:00:00Z")); // not this group's time
        now(built);
        open(group, carl, at("2026-03-09T22:59:59.999999Z")); // open since yesterday, Paris time
        open(group, bob, at("2026-03-10T09:00:00.75Z"));

        RaceSnapshot snapshot = snapshot(group, built);
        assertEquals(at("2026-03-10T23:00:00Z"), snapshot.validUntil(), "the next Paris midnight");
        assertEquals(at("2026-03-09T22:59:59.999999Z"), snapshot.firstRunningSince());
        for (Instant t : List.of(built, built.plusNanos(1000), built.plusMillis(500), at("2026-03-10T09:44:59.250000Z"),
                at("2026-03-10T09:45:00.750001Z"), at("2026-03-10T10:00:00Z"), at("2026-03-10T12:34:56.789012Z"),
                at("2026-03-10T22:59:59.999999Z"))) {
            assertSameAsView(group, snapshot, t);
        }
        // every pace on the way: finely while Bob's open log overtakes the even pace, then coarsely
        for (Instant t = built; snapshot.validAt(t); t = t.plus(Duration.ofSeconds(t.isBefore(built.plus(Duration.ofHours(2))) ? 29 : 431, 7000))) {
            assertSameAsView(group, snapshot, t);
        }
    }

    /** A window that starts inside the period, one that ends inside it, and one that has not begun (empty clamp). */
    @Test
    void clampedAndEmptyPeriods() throws SQLException {
        Instant built = at("2026-05-06T12:00:00Z");
        now(built.minus(Duration.ofDays(1)));
        UUID owner = profile("owner");
        UUID startsToday = group(owner, "daily", "UTC", 90, at("2026-05-06T06:00:00Z"), at("2026-06-01T00:00:00Z"));
        UUID endsToday = group(owner, "weekly", "America/New_York", 300, at("2026-04-01T00:00:00Z"),
                at("2026-05-06T18:00:00Z"));
        UUID notYet = group(owner, "daily", "Asia/Kathmandu", 60, at("2026-05-08T00:00:00Z"), at("2026-06-01T00:00:00Z"));
        UUID dee = member(endsToday, profile("dee"), null);
        member(startsToday, dee, null);
        member(notYet, dee, null);
        focused(endsToday, dee, at("2026-05-04T10:00:00Z"), at("2026-05-04T13:00:00Z"));
        now(built);
        open(endsToday, owner, at("2026-05-06T11:00:00Z"));
        for (UUID group : List.of(startsToday, endsToday, notYet)) {
            RaceSnapshot snapshot = snapshot(group, built);
            for (Instant t : List.of(built, at("2026-05-06T15:00:00.000001Z"), at("2026-05-06T17:59:59.999999Z"),
                    at("2026-05-06T18:00:00Z"), at("2026-05-06T23:00:00Z"))) {
                if (snapshot.validAt(t)) {
                    assertSameAsView(group, snapshot, t);
                }
            }
        }
    }

    /** A log that starts after "now" (only when the clock travels) ends the snapshot's life at its start; so does going back. */
    @Test
    void aLogStartingLaterOrAClockGoingBackEndsTheSnapshot() throws SQLException {
        Instant built = at("2026-07-01T10:00:00Z");
        now(at("2026-07-01T20:00:00Z"));
        UUID owner = profile("traveller");
        UUID group = group(owner, "daily", "UTC", 60, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
        focused(group, owner, at("2026-07-01T14:00:00Z"), at("2026-07-01T15:00:00Z"));
        RaceSnapshot snapshot = snapshot(group, built);
        assertEquals(at("2026-07-01T14:00:00Z"), snapshot.validUntil());
        assertTrue(snapshot.validAt(at("2026-07-01T13:59:59.999999Z")));
        assertFalse(snapshot.validAt(at("2026-07-01T14:00:00Z")));
        assertFalse(snapshot.validAt(built.minusNanos(1000)), "the clock went back");
        assertSameAsView(group, snapshot, at("2026-07-01T13:59:59.999999Z"));
    }

    /**
     * The race view's queries are planned once per pooled connection, not on each execution:
     * planning them costs more than running them (5–10 ms against 2–4 ms for 20 members: the
     * period functions of V8_1 are inlined into large expressions), and a rebuild follows every
     * write. The driver prepares a statement on the server from its 5th execution on a connection
     * (pgjdbc's prepareThreshold), and PostgreSQL then keeps a generic plan after 5 custom ones as
     * long as that plan is not estimated dearer (plan_cache_mode auto). This fails if a change of
     * the SQL or the view makes PostgreSQL plan every execution again.
     */
    @Test
    void theRaceViewQueriesKeepAGenericPlanOnAConnection() throws SQLException {
        Instant built = at("2026-09-15T10:00:00Z");
        now(built.minus(Duration.ofDays(2)));
        UUID owner = profile("planner");
        UUID group = group(owner, "daily", "Europe/Paris", 60, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
        for (int i = 0; i < 19; i++) {
            UUID m = member(group, profile("member " + i), null);
            focused(group, m, at("2026-09-14T08:00:00Z"), at("2026-09-14T09:00:00Z").plusSeconds(i));
        }
        now(built);
        open(group, owner, at("2026-09-15T09:00:00Z"));
        for (int i = 0; i < 15; i++) {
            snapshot(group, built);
            view(group);
        }
        for (String sql : List.of(ProgressService.SNAPSHOT_SQL, ProgressService.CURRENT_SQL)) {
            try (ResultSet rs = query("select generic_plans, custom_plans from pg_prepared_statements where statement = ?",
                    sql.replace("?1", "$1"))) {
                assertTrue(rs.next(), "prepared on the server: " + sql);
                assertTrue(rs.getLong(1) >= 5, "executions with the kept generic plan: " + rs.getLong(1));
                assertTrue(rs.getLong(2) <= 5, "custom plans (each one planned): " + rs.getLong(2));
            }
        }
    }

    /**
     * A rebuild costs what its group runs now, not what everybody focusing elsewhere or the
     * group's history holds: the earliest run start of the group's running sessions is read from
     * V12's index under the group's id. Before it, the kept generic plan either walked every
     * running session of every group in run-start order (on the load benchmark's data) or every
     * session the group ever had, filtered by status (on this test's data).
     */
    @Test
    void theSnapshotReadsOnlyItsOwnGroupsRunningSessions() throws SQLException {
        Instant built = at("2026-10-05T10:00:00Z");
        now(built);
        UUID owner = profile("runner");
        UUID group = group(owner, "daily", "Europe/Paris", 60, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
        open(group, owner, at("2026-10-05T09:30:00Z"));
        for (int i = 0; i < 300; i++) {
            UUID elsewhere = profile("elsewhere " + i);
            open(group(elsewhere, "daily", "UTC", 60, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")),
                    elsewhere, at("2026-10-05T08:00:00Z").plusSeconds(i));
        }
        try (var analyze = db.createStatement()) {
            analyze.execute("analyze sessions");
        }
        StringBuilder plan = new StringBuilder(); // the generic plan, the one a pooled connection keeps
        try (var explain = db.createStatement()) {
            explain.execute("set plan_cache_mode = force_generic_plan");
            explain.execute("prepare snapshot_plan(uuid) as " + ProgressService.SNAPSHOT_SQL.replace("?1", "$1"));
            try (ResultSet rs = explain.executeQuery("explain execute snapshot_plan('" + group + "')")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            } finally {
                explain.execute("deallocate snapshot_plan");
                explain.execute("reset plan_cache_mode");
            }
        }
        assertTrue(plan.toString().contains("sessions_running_by_group_idx"), plan::toString);
        assertEquals(at("2026-10-05T09:30:00Z"), snapshot(group, built).members().get(0).runningSince());
    }

    private static void assertSameAsView(UUID group, RaceSnapshot snapshot, Instant t) throws SQLException {
        now(t);
        assertEquals(view(group), snapshot.rowsAt(t), "at " + t);
    }

    // ------------------------------------------------------------------------------- plumbing

    private static RaceSnapshot snapshot(UUID group, Instant at) throws SQLException {
        now(at);
        List<RaceSnapshot.Member> members = new ArrayList<>();
        try (ResultSet rs = query(ProgressService.SNAPSHOT_SQL, group)) {
            while (rs.next()) {
                members.add(new RaceSnapshot.Member(uuid(rs, 1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        instant(rs, 5), instant(rs, 6), instant(rs, 7), instant(rs, 8), instant(rs, 9), rs.getLong(10),
                        instant(rs, 11), instant(rs, 12), rs.getBoolean(13), rs.getInt(14), instant(rs, 15),
                        instant(rs, 16)));
            }
        }
        return RaceSnapshot.of(group, members, Set.of());
    }

    private static List<ProgressRow> view(UUID group) throws SQLException {
        List<ProgressRow> rows = new ArrayList<>();
        try (ResultSet rs = query(ProgressService.CURRENT_SQL, group)) {
            while (rs.next()) {
                rows.add(new ProgressRow(uuid(rs, 1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5),
                        rs.getBoolean(6), instant(rs, 7), instant(rs, 8), rs.getBoolean(9), rs.getLong(10),
                        rs.getString(11), rs.getInt(12)));
            }
        }
        return rows;
    }

    private static void now(Instant now) throws SQLException {
        try (ResultSet rs = query("select set_config('lockin.now', ?, false)", now.toString())) {
            rs.next();
        }
    }

    private static UUID profile(String name) throws SQLException {
        return id("insert into profiles (display_name) values (?) returning id", name);
    }

    private static UUID group(UUID owner, String period, String zone, int target, Instant start, Instant end)
            throws SQLException {
        UUID group = id("""
                insert into groups (owner_id, name, start_at, end_at, timezone, period, period_target_minutes)
                values (?, 'g', ?, ?, ?, ?, ?) returning id""", owner, start, end, zone, period, target);
        id("insert into group_members (group_id, user_id, role) values (?, ?, 'owner') returning id", group, owner);
        return group;
    }

    private static UUID member(UUID group, UUID user, Integer override) throws SQLException {
        id("""
                insert into group_members (group_id, user_id, role, override_period_target_minutes, created_at)
                values (?, ?, 'member', ?, '2026-01-01T00:00:00Z') returning id""", group, user, override);
        return user;
    }

    private static void focused(UUID group, UUID user, Instant start, Instant end) throws SQLException {
        UUID session = id("""
                insert into sessions (group_id, creator_id, status, started_at, ended_at)
                values (?, ?, 'stopped', ?, ?) returning id""", group, user, start, end);
        UUID participant = id("insert into session_participants (session_id, user_id, role) values (?, ?, 'host') returning id",
                session, user);
        id("insert into time_logs (participant_id, started_at, ended_at) values (?, ?, ?) returning id", participant, start, end);
    }

    private static void open(UUID group, UUID user, Instant start) throws SQLException {
        UUID session = id("""
                insert into sessions (group_id, creator_id, status, started_at, running_since)
                values (?, ?, 'running', ?, ?) returning id""", group, user, start, start);
        UUID participant = id("insert into session_participants (session_id, user_id, role) values (?, ?, 'host') returning id",
                session, user);
        id("insert into time_logs (participant_id, started_at) values (?, ?) returning id", participant, start);
    }

    private static UUID id(String sql, Object... params) throws SQLException {
        try (ResultSet rs = query(sql, params)) {
            rs.next();
            return uuid(rs, 1);
        }
    }

    private static ResultSet query(String sql, Object... params) throws SQLException {
        PreparedStatement s = db.prepareStatement(sql.replace("?1", "?"));
        s.closeOnCompletion();
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i] instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : params[i]);
        }
        return s.executeQuery();
    }

    private static UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
