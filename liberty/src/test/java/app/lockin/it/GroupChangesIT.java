package app.lockin.it;

import app.lockin.it.Fixtures.GroupSpec;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static app.lockin.it.Fixtures.addMember;
import static app.lockin.it.Fixtures.assertFieldProblem;
import static app.lockin.it.Fixtures.assertProblem;
import static app.lockin.it.Fixtures.roleOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code PATCH /api/groups/{id}} and {@code :transfer} (SPEC §13): what changes, who may, exactly
 * one owner even with two transfers at once, and every refusal leaving the database unchanged.
 */
@ExtendWith(ArquillianExtension.class)
class GroupChangesIT {

    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant END = Instant.parse("2027-06-01T00:00:00Z");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @AfterEach
    void realTimeAgain() {
        TestClock.release();
    }

    @Test
    void ownersAndAdminsChangeNameDescriptionEndAndTarget() {
        TestUser owner = TestUser.named("Olivia Owner");
        TestUser admin = TestUser.named("Ada Admin");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 60).window(START, END), owner);
        addMember(owner, group, admin, "admin");
        TestClock.pin(Instant.parse("2026-06-10T12:00:00Z"));

        JsonObject changed = owner.patch("/api/groups/" + group, """
                {"name":"  Deep Work Club ","description":"Mornings only","end_at":"2027-01-01T00:00:00+01:00",
                 "period_target_minutes":90}""").json();
        assertEquals("Deep Work Club", changed.getString("name"));
        assertEquals("Mornings only", changed.getString("description"));
        assertEquals("2026-12-31T23:00:00Z", changed.getString("end_at"));
        assertEquals(90, changed.getInt("period_target_minutes"));
        assertEquals("daily", changed.getString("period"));
        assertEquals(90, owner.get("/api/groups/" + group + "/progress/current").array().getJsonObject(0)
                .getInt("target_minutes"), "the race view follows the new target at once");

        Api.Reply cleared = admin.patch("/api/groups/" + group, "{\"description\":null}");
        assertEquals(200, cleared.status(), cleared::toString);
        assertTrue(cleared.json().isNull("description"));
        assertEquals("Deep Work Club", cleared.json().getString("name"));
        assertEquals("admin", cleared.json().getString("my_role"));
    }

    /** SPEC §11: a new group target changes every race row, so the race streams get a progress event showing it. */
    @Test
    void aNewTargetIsPushedToTheRaceStreams() {
        TestUser owner = TestUser.named("Olivia Owner");
        TestUser member = TestUser.named("Max Member");
        UUID group = Fixtures.groupId(GroupSpec.standard(), owner, member);
        try (EventStream stream = EventStream.open("/api/groups/" + group + "/events", member.token())) {
            assertEquals(60, stream.next("progress", java.time.Duration.ofSeconds(5)).json().asJsonArray()
                    .getJsonObject(0).getInt("target_minutes"));
            assertEquals(200, owner.patch("/api/groups/" + group, "{\"period_target_minutes\":45}").status());
            var rows = stream.next("progress", java.time.Duration.ofSeconds(5)).json().asJsonArray();
            assertEquals(List.of(45, 45), rows.stream().map(r -> r.asJsonObject().getInt("target_minutes")).toList());
        }
    }

    @Test
    void refusedChangesChangeNothing() {
        TestUser owner = TestUser.named("Olivia Owner");
        TestUser member = TestUser.named("Max Member");
        TestUser stranger = TestUser.named("Mallory");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 60).window(START, END), owner, member);
        TestClock.pin(Instant.parse("2026-06-10T12:00:00Z"));
        String g = "/api/groups/" + group;
        String before = Db.snapshot();

        for (String field : List.of("\"period\":\"weekly\"", "\"timezone\":\"UTC\"", "\"start_at\":\"2026-06-02T00:00:00Z\"",
                "\"owner_id\":\"" + member.id() + "\"", "\"status\":\"archived\"", "\"nmae\":\"typo\"")) {
            assertProblem(owner.patch(g, "{\"name\":\"ok\"," + field + "}"), 400, "unknown_field");
        }
        assertFieldProblem(owner.patch(g, "{\"name\":null}"), "validation_failed", "name");
        assertFieldProblem(owner.patch(g, "{\"end_at\":null}"), "validation_failed", "end_at");
        assertFieldProblem(owner.patch(g, "{\"period_target_minutes\":null}"), "validation_failed", "period_target_minutes");
        assertFieldProblem(owner.patch(g, "{\"name\":\"  \"}"), "validation_failed", "name");
        assertFieldProblem(owner.patch(g, "{\"name\":\"" + "x".repeat(101) + "\"}"), "validation_failed", "name");
        assertFieldProblem(owner.patch(g, "{\"description\":\"" + "x".repeat(1001) + "\"}"), "validation_failed", "description");
        assertFieldProblem(owner.patch(g, "{\"period_target_minutes\":1441}"), "validation_failed", "period_target_minutes");
        assertFieldProblem(owner.patch(g, "{\"period_target_minutes\":0}"), "validation_failed", "period_target_minutes");
        assertFieldProblem(owner.patch(g, "{\"end_at\":\"2026-05-01T00:00:00Z\"}"), "validation_failed", "end_at");
        assertFieldProblem(owner.patch(g, "{\"end_at\":\"2026-06-10T11:00:00Z\"}"), "validation_failed", "end_at");
        assertFieldProblem(owner.patch(g, "{}"), "validation_failed", "body");
        assertProblem(member.patch(g, "{\"name\":\"mine\"}"), 403, "forbidden");
        assertProblem(stranger.patch(g, "{\"name\":\"mine\"}"), 404, "not_found");
        assertEquals(before, Db.snapshot());

        TestClock.pin(END); // end_at has passed, not archived yet
        assertProblem(owner.patch(g, "{\"end_at\":\"2028-01-01T00:00:00Z\"}"), 409, "group_archived");
        TestClock.release();
        Fixtures.archive(group);
        String archived = Db.snapshot();
        assertProblem(owner.patch(g, "{\"name\":\"again\"}"), 409, "group_archived");
        assertEquals(archived, Db.snapshot());
    }

    @Test
    void theOwnerHandsTheGroupToAMember() {
        TestUser owner = TestUser.named("Olivia Owner");
        TestUser heir = TestUser.named("Hugo Heir");
        UUID group = Fixtures.groupId(owner);
        addMember(owner, group, heir, "member");
        Fixtures.overrideTarget(owner, group, heir, 20);

        Api.Reply transferred = owner.post("/api/groups/" + group + ":transfer", "{\"user_id\":\"" + heir.id() + "\"}");
        assertEquals(200, transferred.status(), transferred::toString);
        assertEquals(heir.id().toString(), transferred.json().getString("owner_id"));
        assertEquals("admin", transferred.json().getString("my_role"));
        assertEquals("owner", roleOf(group, heir));
        assertEquals("admin", roleOf(group, owner));
        assertEquals(20, ((Number) Db.value("select override_period_target_minutes from group_members where group_id = ? and user_id = ?",
                group, heir.id())).intValue(), "the heir keeps the override");
        assertEquals("owner", heir.get("/api/groups/" + group).json().getString("my_role"));

        String before = Db.snapshot();
        Api.Reply toSelf = heir.post("/api/groups/" + group + ":transfer", "{\"user_id\":\"" + heir.id() + "\"}");
        assertEquals(200, toSelf.status(), toSelf::toString);
        assertEquals(before, Db.snapshot(), "to oneself nothing changes");
    }

    @Test
    void onlyTheOwnerTransfersAndOnlyToAMember() {
        TestUser owner = TestUser.named("Olivia Owner");
        TestUser admin = TestUser.named("Ada Admin");
        TestUser member = TestUser.named("Max Member");
        TestUser stranger = TestUser.named("Mallory");
        UUID group = Fixtures.groupId(owner);
        addMember(owner, group, admin, "admin");
        addMember(owner, group, member, "member");
        String t = "/api/groups/" + group + ":transfer";
        String before = Db.snapshot();

        assertProblem(admin.post(t, "{\"user_id\":\"" + admin.id() + "\"}"), 403, "forbidden");
        assertProblem(member.post(t, "{\"user_id\":\"" + member.id() + "\"}"), 403, "forbidden");
        assertProblem(stranger.post(t, "{\"user_id\":\"" + stranger.id() + "\"}"), 404, "not_found");
        assertProblem(owner.post(t, "{\"user_id\":\"" + stranger.id() + "\"}"), 409, "not_a_member");
        assertProblem(owner.post(t, "{\"user_id\":\"" + UUID.randomUUID() + "\"}"), 409, "not_a_member");
        assertFieldProblem(owner.post(t, "{}"), "validation_failed", "user_id");
        assertProblem(owner.post(t, "{\"user_id\":\"" + member.id() + "\",\"role\":\"owner\"}"), 400, "unknown_field");
        assertEquals(before, Db.snapshot());

        Fixtures.archive(group);
        assertEquals(200, owner.post(t, "{\"user_id\":\"" + member.id() + "\"}").status(), "archived groups too");
        assertEquals("owner", roleOf(group, member));
    }

    /** Two transfers at once (to two members): one wins, the other is no longer the owner's (403); one owner. */
    @Test
    void twoTransfersAtOnceLeaveExactlyOneOwner() {
        for (int round = 0; round < 3; round++) {
            TestUser owner = TestUser.named("Olivia Owner");
            TestUser ann = TestUser.named("Ann");
            TestUser bob = TestUser.named("Bob");
            UUID group = Fixtures.groupId(owner);
            addMember(owner, group, ann, "member");
            addMember(owner, group, bob, "member");
            List<TestUser> heirs = List.of(ann, bob);
            var next = new java.util.concurrent.atomic.AtomicInteger();
            List<Api.Reply> replies = Fixtures.simultaneously(2, () -> owner.post("/api/groups/" + group + ":transfer",
                    "{\"user_id\":\"" + heirs.get(next.getAndIncrement()).id() + "\"}"));

            assertEquals(1, replies.stream().filter(r -> r.status() == 200).count(), replies::toString);
            replies.stream().filter(r -> r.status() != 200).forEach(r -> assertProblem(r, 403, "forbidden"));
            assertEquals(1, Db.count("select count(*) from group_members where group_id = ? and role = 'owner'", group));
            Object ownerId = Db.value("select owner_id from groups where id = ?", group);
            assertEquals(ownerId, Db.value("select user_id from group_members where group_id = ? and role = 'owner'", group));
            assertEquals("admin", roleOf(group, owner));
        }
    }
}
