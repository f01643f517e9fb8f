package app.lockin.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Groups and memberships for the session tests, written straight into the database: the group
 * endpoints (SPEC §5) are another issue's work. Every fixture insert is here, so that this one
 * class can later be replaced by calls to those endpoints. People are real API users: their
 * profile is provisioned by their first call ({@link #userId}).
 */
final class GroupFixtures {

    /** A window wide enough for every date the tests travel to. */
    static final Instant WIDE_START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant WIDE_END = Instant.parse("2028-01-01T00:00:00Z");

    private static final AtomicInteger counter = new AtomicInteger();

    private GroupFixtures() {
    }

    /** What a group is made of; each with* returns a changed copy. */
    record GroupSpec(String timezone, String period, int targetMinutes, Instant startAt, Instant endAt) {

        static GroupSpec daily(String timezone, int targetMinutes) {
            return new GroupSpec(timezone, "daily", targetMinutes, WIDE_START, WIDE_END);
        }

        static GroupSpec weekly(String timezone, int targetMinutes) {
            return new GroupSpec(timezone, "weekly", targetMinutes, WIDE_START, WIDE_END);
        }

        GroupSpec window(Instant start, Instant end) {
            return new GroupSpec(timezone, period, targetMinutes, start, end);
        }
    }

    /** The profile id of the token's user, provisioning it on this first call. */
    static UUID userId(String token) {
        Api.Reply me = Api.get("/api/me", token);
        if (me.status() != 200) {
            throw new AssertionError("GET /api/me: " + me);
        }
        return UUID.fromString(me.json().getString("id"));
    }

    /** An active group owned by {@code owner} (its 'owner' member), with {@code members} as plain members. */
    static UUID group(GroupSpec spec, UUID owner, UUID... members) {
        UUID group = insert("""
                        insert into groups (owner_id, name, start_at, end_at, timezone, period, period_target_minutes)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""",
                owner, "group " + counter.incrementAndGet(), spec.startAt(), spec.endAt(), spec.timezone(),
                spec.period(), spec.targetMinutes());
        member(group, owner, "owner", null);
        for (UUID member : members) {
            member(group, member, "member", null);
        }
        return group;
    }

    /** A daily UTC group with a 60-minute target and a wide window. */
    static UUID group(UUID owner, UUID... members) {
        return group(GroupSpec.daily("UTC", 60), owner, members);
    }

    static void member(UUID group, UUID user, String role, Integer overrideTargetMinutes) {
        insert("""
                insert into group_members (group_id, user_id, role, override_period_target_minutes)
                values (?, ?, ?, ?) returning id""", group, user, role, overrideTargetMinutes);
    }

    static void removeMember(UUID group, UUID user) {
        update("delete from group_members where group_id = ? and user_id = ?", group, user);
    }

    static void archive(UUID group) {
        update("update groups set status = 'archived' where id = ?", group);
    }

    private static UUID insert(String sql, Object... params) {
        try (Connection c = TestEnvironment.database().connect(); PreparedStatement s = Db.prepare(c, sql, params);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getObject(1, UUID.class);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void update(String sql, Object... params) {
        try (Connection c = TestEnvironment.database().connect(); PreparedStatement s = Db.prepare(c, sql, params)) {
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
