package app.lockin.ejb.group;

import app.lockin.ejb.profile.DisplayNames;
import app.lockin.persistence.common.WireNames;
import app.lockin.persistence.group.GroupPeriod;
import app.lockin.sql.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits Java checks for a readable refusal are the schema's own (SPEC §3, §4, §5): each is
 * tried on the migrated schema at the Java bound (accepted) and one past it (refused by the very
 * constraint the application translates), and every zone java.time knows is accepted by the
 * schema's {@code groups_timezone_valid} exactly when {@link GroupRules#isKnownZone} says so. A
 * migration or a constant that moves alone fails here.
 */
class SchemaLimitsTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2026-01-01T00:00:00Z");

    private static Connection db;
    private static UUID owner;

    @BeforeAll
    static void migratedSchema() throws SQLException {
        db = TestDatabase.migratedDatabase().connect();
        owner = insert("insert into profiles (display_name) values ('Owner') returning id");
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void displayNames() throws SQLException {
        String sql = "insert into profiles (display_name) values (?)";
        assertTrue(accepted("profiles_display_name_length", sql, text(DisplayNames.MAX_LENGTH)), "DisplayNames.MAX_LENGTH");
        assertFalse(accepted("profiles_display_name_length", sql, text(DisplayNames.MAX_LENGTH + 1)),
                "DisplayNames.MAX_LENGTH + 1");
    }

    @Test
    void groupNamesAndDescriptions() throws SQLException {
        assertTrue(accepted("groups_name_length", groupWith("name"), text(GroupRules.NAME_MAX)), "NAME_MAX");
        assertFalse(accepted("groups_name_length", groupWith("name"), text(GroupRules.NAME_MAX + 1)), "NAME_MAX + 1");
        String description = groupWith("description");
        assertTrue(accepted("groups_description_length", description, text(GroupRules.DESCRIPTION_MAX)),
                "DESCRIPTION_MAX");
        assertFalse(accepted("groups_description_length", description, text(GroupRules.DESCRIPTION_MAX + 1)),
                "DESCRIPTION_MAX + 1");
    }

    /** GroupRules.checkTarget: 1 up to the period's maximum, for a group's target and a member's override alike. */
    @Test
    void targetsPerPeriod() throws SQLException {
        for (GroupPeriod period : GroupPeriod.values()) {
            int max = period.maxTargetMinutes();
            String wire = WireNames.of(period);
            String group = "insert into groups (owner_id, name, start_at, end_at, timezone, period, period_target_minutes)"
                    + " values (?, 'g', ?, ?, 'UTC', ?, ?)";
            String range = "groups_period_target_minutes_range";
            assertTrue(accepted(range, group, owner, START, START.plusDays(7), wire, max), wire + " target " + max);
            assertFalse(accepted(range, group, owner, START, START.plusDays(7), wire, max + 1), wire + " target max + 1");
            assertTrue(accepted(range, group, owner, START, START.plusDays(7), wire, 1), wire + " target 1");
            assertFalse(accepted(range, group, owner, START, START.plusDays(7), wire, 0), wire + " target 0");

            UUID target = insert("insert into groups (owner_id, name, start_at, end_at, timezone, period,"
                    + " period_target_minutes) values (?, 'g', ?, ?, 'UTC', ?, 60) returning id",
                    owner, START, START.plusDays(7), wire);
            String member = "insert into group_members (group_id, user_id, override_period_target_minutes)"
                    + " values (?, ?, ?)";
            String override = "group_members_override_target_range";
            assertTrue(accepted(override, member, target, person(), max), wire + " override " + max);
            assertFalse(accepted(override, member, target, person(), max + 1), wire + " override max + 1");
            assertTrue(accepted(override, member, target, person(), 1), wire + " override 1");
            assertFalse(accepted(override, member, target, person(), 0), wire + " override 0");
        }
    }

    /**
     * Every zone of the running JDK through the schema's trigger (about 20 ms each: the trigger
     * reads pg_timezone_names), and every name of GroupRules.REFUSED_ZONES, which also lists names
     * only other JDKs know.
     */
    @Test
    void timeZones() throws SQLException {
        UUID group = insert("insert into groups (owner_id, name, start_at, end_at, timezone, period,"
                + " period_target_minutes) values (?, 'zones', ?, ?, 'UTC', 'daily', 60) returning id",
                owner, START, START.plusDays(7));
        Set<String> disagreements = new TreeSet<>();
        Set<String> refusedJavaZones = new TreeSet<>();
        for (String zone : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            boolean accepted = acceptedZone(group, zone);
            if (accepted != GroupRules.isKnownZone(zone)) {
                disagreements.add(zone + (accepted ? " (the schema accepts it)" : " (the schema refuses it)"));
            }
            if (!accepted) {
                refusedJavaZones.add(zone);
            }
        }
        assertEquals(Set.of(), disagreements, "zones on which GroupRules.isKnownZone and the schema disagree");

        Set<String> acceptedRefusedZones = new TreeSet<>();
        for (String zone : GroupRules.REFUSED_ZONES) {
            if (acceptedZone(group, zone)) {
                acceptedRefusedZones.add(zone);
            }
        }
        assertEquals(Set.of(), acceptedRefusedZones, "GroupRules.REFUSED_ZONES that the schema accepts");
        Set<String> refusedHere = new TreeSet<>(GroupRules.REFUSED_ZONES);
        refusedHere.retainAll(ZoneId.getAvailableZoneIds());
        assertEquals(refusedHere, refusedJavaZones, "the zones of this JDK that the schema refuses");
    }

    // ------------------------------------------------------------------------------- plumbing

    /** A group insert with {@code column} taken from the one parameter and valid values elsewhere. */
    private static String groupWith(String column) {
        return ("insert into groups (owner_id, name, description, start_at, end_at, timezone, period,"
                + " period_target_minutes) values ('%s', %s, %s, '%s', '%s', 'UTC', 'daily', 60)").formatted(
                owner, column.equals("name") ? "?" : "'g'", column.equals("description") ? "?" : "null",
                START, START.plusDays(7));
    }

    /** A new person: a group takes each person once. */
    private static UUID person() throws SQLException {
        return insert("insert into profiles (display_name) values ('member') returning id");
    }

    private static boolean acceptedZone(UUID group, String zone) throws SQLException {
        return accepted("groups_timezone_valid", "update groups set timezone = ? where id = ?", zone, group);
    }

    private static String text(int characters) {
        return "x".repeat(characters);
    }

    /**
     * Runs one statement in its own transaction: true when the database took it, false when
     * {@code constraint} refused it; any other failure fails the test.
     */
    private static boolean accepted(String constraint, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(sql, params)) {
            s.executeUpdate();
            return true;
        } catch (PSQLException e) {
            if (e.getServerErrorMessage() != null && constraint.equals(e.getServerErrorMessage().getConstraint())) {
                return false;
            }
            throw e;
        }
    }

    private static UUID insert(String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(sql, params); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    private static PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement s = db.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }
}
