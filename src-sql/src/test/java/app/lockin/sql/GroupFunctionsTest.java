package app.lockin.sql;

import app.lockin.sql.SqlFixture.GroupSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static app.lockin.sql.SqlFixture.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** archive_expired_groups() and clone_group() (SPEC §3, §5, §9). */
class GroupFunctionsTest {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();

    final UUID owner = db.profile();




    // ------------------------------------------------------------------------- archival

    @Test
    void archivesActiveGroupsWhoseWindowHasEndedAndCountsThem() {
        Instant now = at("2030-06-01T12:00:00Z");
        db.setNow(now);
        db.queryOne("select archive_expired_groups()"); // whatever other tests left behind

        UUID endedEarlier = groupEnding(now.minus(Duration.ofDays(3)));
        UUID endingNow = groupEnding(now);
        UUID stillRunning = groupEnding(now.plusSeconds(1));

        assertEquals(2, (int) db.queryOne("select archive_expired_groups()"));
        assertEquals("archived", status(endedEarlier));
        assertEquals("archived", status(endingNow));
        assertEquals("active", status(stillRunning));

        // idempotent: nothing left to do
        assertEquals(0, (int) db.queryOne("select archive_expired_groups()"));
        assertEquals("archived", status(endedEarlier));
    }

    @Test
    void leavesGroupsAlreadyArchivedUntouched() {
        Instant now = at("2031-06-01T12:00:00Z");
        db.setNow(now);
        db.queryOne("select archive_expired_groups()");
        UUID archived = db.group(owner, GroupSpec.daily("UTC", 60)
                .window(now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(10))).archived());
        Instant updatedBefore = db.queryOne("select updated_at from groups where id = ?", archived);

        db.setNow(now.plus(Duration.ofDays(20)));
        assertEquals(0, (int) db.queryOne("select archive_expired_groups()"));
        assertEquals(updatedBefore, db.queryOne("select updated_at from groups where id = ?", archived));
    }

    private UUID groupEnding(Instant end) {
        return db.group(owner, GroupSpec.daily("UTC", 60).window(end.minus(Duration.ofDays(30)), end));
    }

    private String status(UUID group) {
        return db.queryOne("select status from groups where id = ?", group);
    }

    // ------------------------------------------------------------------------- clone

    @Test
    void aCloneCopiesTheGroupAndStartsNow() {
        Instant start = at("2026-03-01T05:00:00Z");
        Duration length = Duration.ofDays(21).plusHours(7).plusSeconds(13);
        UUID original = db.group(owner, GroupSpec.weekly("America/New_York", 300).window(start, start.plus(length)));
        db.update("update groups set description = 'deep work' where id = ?", original);

        // "now" on the day after the DST change, so a calendar-day interval would be off by an hour
        Instant now = at("2026-03-09T15:30:00Z");
        db.setNow(now);
        UUID clone = db.queryOne("select clone_group(?, ?)", original, owner);

        assertNotEquals(original, clone);
        String copied = "select name, description, timezone, period, period_target_minutes from groups where id = ?";
        assertArrayEquals(db.query(copied, original).get(0), db.query(copied, clone).get(0));
        Object[] window = db.query("select start_at, end_at, status, owner_id from groups where id = ?", clone).get(0);
        assertArrayEquals(new Object[] {now, now.plus(length), "active", owner}, window);
    }

    @Test
    void aCloneCopiesMembersRolesAndOverrides() {
        UUID admin = db.profile();
        UUID member = db.profile();
        UUID original = db.group(owner);
        db.member(original, admin, "admin", 90);
        db.member(original, member, "member", 30);

        UUID clone = db.queryOne("select clone_group(?, ?)", original, owner);

        assertEquals(Map.of(
                        owner, "owner null",
                        admin, "admin 90",
                        member, "member 30"),
                members(clone));
    }

    @Test
    void theNewOwnerTakesOverAndThePreviousOwnerStaysAsAdmin() {
        UUID admin = db.profile();
        UUID original = db.group(owner);
        db.member(original, admin, "admin", 45);

        UUID clone = db.queryOne("select clone_group(?, ?)", original, admin);

        assertEquals(Map.of(owner, "admin null", admin, "owner 45"), members(clone));
        assertEquals(admin, db.queryOne("select owner_id from groups where id = ?", clone));
        // the original is untouched
        assertEquals(Map.of(owner, "owner null", admin, "admin 45"), members(original));
    }

    @Test
    void aNewOwnerWhoWasNotAMemberIsAdded() {
        UUID outsider = db.profile();
        UUID original = db.group(owner);

        UUID clone = db.queryOne("select clone_group(?, ?)", original, outsider);

        assertEquals(Map.of(owner, "admin null", outsider, "owner null"), members(clone));
    }

    @Test
    void anArchivedGroupCanBeRepeated() {
        UUID member = db.profile();
        UUID original = db.group(owner, GroupSpec.daily("Europe/Paris", 60)
                .window(at("2025-02-01T00:00:00Z"), at("2025-03-01T00:00:00Z")));
        db.member(original, member, "member");
        db.update("update groups set status = 'archived' where id = ?", original);

        UUID clone = db.queryOne("select clone_group(?, ?)", original, owner);

        assertEquals("active", db.queryOne("select status from groups where id = ?", clone));
        assertEquals(Map.of(owner, "owner null", member, "member null"), members(clone));
    }

    @Test
    void cloningAnUnknownGroupFails() {
        PSQLException e = assertThrows(PSQLException.class,
                () -> db.queryOne("select clone_group(?, ?)", UUID.randomUUID(), owner));
        assertEquals("P0002", e.getSQLState());
    }

    /** user -> "role override" of a group's members. */
    private Map<UUID, String> members(UUID group) {
        List<Object[]> rows = db.query(
                "select user_id, role, override_period_target_minutes from group_members where group_id = ?", group);
        return rows.stream().collect(Collectors.toMap(r -> (UUID) r[0], r -> r[1] + " " + r[2]));
    }
}
