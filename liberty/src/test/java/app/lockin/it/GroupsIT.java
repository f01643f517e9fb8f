package app.lockin.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static app.lockin.it.Fixtures.addMember;
import static app.lockin.it.Fixtures.assertFieldProblem;
import static app.lockin.it.Fixtures.assertProblem;
import static app.lockin.it.Fixtures.roleOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §5: groups (create, list, get, clone) and their members (list, add, change, remove). */
@ExtendWith(ArquillianExtension.class)
class GroupsIT {

    static final Set<String> GROUP_FIELDS = Set.of("id", "owner_id", "name", "description", "start_at", "end_at",
            "timezone", "period", "period_target_minutes", "status", "created_at", "updated_at", "my_role", "member_count");
    static final Set<String> MEMBER_FIELDS = Set.of("user_id", "display_name", "avatar_url", "role",
            "override_period_target_minutes", "effective_target_minutes", "joined_at");

    TestUser owner;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @BeforeEach
    void newOwner() {
        owner = TestUser.named("Olivia Owner");
    }

    // ------------------------------------------------------------------------------ create

    @Test
    void creatingAGroupAnswers201WithLocationAndMakesTheCreatorItsOwner() {
        Api.Reply reply = owner.post("/api/groups", """
                {"name":"  Morning writers  ","description":"Pages before breakfast",
                 "start_at":"2026-03-01T08:00:00+01:00","end_at":"2026-06-01T08:00:00.123456+02:00",
                 "period":"weekly","period_target_minutes":300,"timezone":"America/New_York"}""");
        assertEquals(201, reply.status(), reply::toString);
        JsonObject group = reply.json();
        assertEquals(GROUP_FIELDS, group.keySet());
        assertEquals("/api/groups/" + group.getString("id"), reply.header("Location"));
        assertEquals(owner.id().toString(), group.getString("owner_id"));
        assertEquals("Morning writers", group.getString("name"), "the name is trimmed");
        assertEquals("Pages before breakfast", group.getString("description"));
        assertEquals("2026-03-01T07:00:00Z", group.getString("start_at"), "output is UTC");
        assertEquals("2026-06-01T06:00:00.123456Z", group.getString("end_at"), "microseconds are kept");
        assertEquals("weekly", group.getString("period"));
        assertEquals(300, group.getInt("period_target_minutes"));
        assertEquals("America/New_York", group.getString("timezone"));
        assertEquals("active", group.getString("status"));
        assertEquals("owner", group.getString("my_role"));
        assertEquals(1, group.getInt("member_count"));
        assertTrue(group.getString("created_at").endsWith("Z"));

        UUID id = UUID.fromString(group.getString("id"));
        assertEquals("owner", roleOf(id, owner), "the creator is the owner member");
        assertEquals(group, owner.get("/api/groups/" + id).json(), "GET answers what POST did");
        JsonObject membership = owner.get("/api/me").json().getJsonArray("memberships").getJsonObject(0);
        assertEquals(id.toString(), membership.getString("group_id"));
    }

    @Test
    void optionalAndBoundaryValuesAreAccepted() {
        String name = "🙂".repeat(100);
        Api.Reply reply = owner.post("/api/groups", body("\"name\":\"" + name + "\",\"description\":null,"
                + "\"period\":\"daily\",\"period_target_minutes\":1440,\"timezone\":\"UTC\""));
        assertEquals(201, reply.status(), reply::toString);
        assertEquals(name, reply.json().getString("name"), "100 characters, counted as characters");
        assertTrue(reply.json().isNull("description"));
        Api.Reply weekly = owner.post("/api/groups", body("\"name\":\"W\",\"description\":\"" + "d".repeat(1000)
                + "\",\"period\":\"weekly\",\"period_target_minutes\":10080,\"timezone\":\"Asia/Kolkata\""));
        assertEquals(201, weekly.status(), weekly::toString);
        Api.Reply blankDescription = owner.post("/api/groups", body("\"name\":\"B\",\"description\":\"   \","
                + "\"period\":\"daily\",\"period_target_minutes\":1,\"timezone\":\"Europe/Paris\""));
        assertEquals(201, blankDescription.status(), blankDescription::toString);
        assertTrue(blankDescription.json().isNull("description"), "a blank description is no description");
    }

    @Test
    void everyInvalidFieldIsRefusedByNameAndNothingIsCreated() {
        assertCreateRefused(body("\"name\":\"   \""), "name");
        assertCreateRefused(body("\"name\":\"" + "n".repeat(101) + "\""), "name");
        assertCreateRefused(body("\"name\":\"tab\\tname\""), "name");
        assertCreateRefused(validWithout("name"), "name");
        assertCreateRefused(body("\"name\":42"), "name");
        assertCreateRefused(body("\"description\":\"" + "d".repeat(1001) + "\""), "description");
        assertCreateRefused(body("\"start_at\":\"2026-03-01T08:00:00\""), "start_at");
        assertCreateRefused(body("\"start_at\":\"yesterday\""), "start_at");
        assertCreateRefused(validWithout("start_at"), "start_at");
        assertCreateRefused(validWithout("end_at"), "end_at");
        assertCreateRefused(body("\"start_at\":\"2026-03-01T08:00:00Z\",\"end_at\":\"2026-03-01T08:00:00Z\""), "end_at");
        assertCreateRefused(body("\"start_at\":\"2026-03-01T08:00:00Z\",\"end_at\":\"2026-03-01T09:00:00+02:00\""), "end_at");
        assertCreateRefused(body("\"period\":\"monthly\""), "period");
        assertCreateRefused(validWithout("period"), "period");
        assertCreateRefused(body("\"period_target_minutes\":0"), "period_target_minutes");
        assertCreateRefused(body("\"period\":\"daily\",\"period_target_minutes\":1441"), "period_target_minutes");
        assertCreateRefused(body("\"period\":\"weekly\",\"period_target_minutes\":10081"), "period_target_minutes");
        assertCreateRefused(body("\"period_target_minutes\":1.5"), "period_target_minutes");
        assertCreateRefused(validWithout("period_target_minutes"), "period_target_minutes");
        for (String zone : List.of("Mars/Olympus", "europe/paris", "EST", "MST", "HST", "ROC", "Factory", "UTC+3", "+02:00", "")) {
            assertCreateRefused(body("\"timezone\":\"" + zone + "\""), "timezone");
        }
        assertCreateRefused(validWithout("timezone"), "timezone");

        Api.Reply several = owner.post("/api/groups", body("\"name\":\"\",\"period\":\"hourly\",\"timezone\":\"Nowhere\""));
        assertProblem(several, 400, "validation_failed");
        assertEquals(Set.of("name", "period", "timezone"), several.json().getJsonArray("errors").stream()
                .map(e -> e.asJsonObject().getString("field")).collect(java.util.stream.Collectors.toSet()),
                "every bad field in one answer");

        assertFieldProblem(owner.post("/api/groups", body("\"owner_id\":\"" + UUID.randomUUID() + "\"")),
                "unknown_field", "owner_id");
        assertProblem(owner.post("/api/groups", "{\"name\":"), 400, "malformed_json");
        assertEquals(0, Db.count("select count(*) from groups where owner_id = ?", owner.id()), "nothing was created");
    }

    // ------------------------------------------------------------------------------ list and get

    @Test
    void theListHoldsTheCallersGroupsNewestFirstFilteredByStatus() {
        UUID first = Fixtures.groupId(owner);
        UUID second = Fixtures.groupId(owner);
        UUID archived = Fixtures.groupId(owner);
        Fixtures.archive(archived);
        TestUser other = TestUser.named("Other");
        UUID joined = Fixtures.groupId(other);
        addMember(other, joined, owner, "member");
        Fixtures.groupId(other); // not the owner's

        assertEquals(List.of(joined.toString(), second.toString(), first.toString()), ids(owner.get("/api/groups")));
        assertEquals(ids(owner.get("/api/groups")), ids(owner.get("/api/groups?status=active")), "active by default");
        assertEquals(List.of(archived.toString()), ids(owner.get("/api/groups?status=archived")));
        JsonObject member = owner.get("/api/groups").array().getJsonObject(0);
        assertEquals("member", member.getString("my_role"));
        assertEquals(2, member.getInt("member_count"));
        for (String bad : List.of("deleted", "ACTIVE", "")) {
            assertFieldProblem(owner.get("/api/groups?status=" + bad), "validation_failed", "status");
        }
        assertEquals(0, TestUser.named("Newcomer").get("/api/groups").array().size());
    }

    @Test
    void anUnknownOrMalformedGroupIdIsNotFound() {
        assertProblem(owner.get("/api/groups/" + UUID.randomUUID()), 404, "not_found");
        assertProblem(owner.get("/api/groups/not-a-uuid"), 404, "not_found");
        assertProblem(owner.get("/api/groups/not-a-uuid/members"), 404, "not_found");
    }

    // ------------------------------------------------------------------------------ clone

    @Test
    void cloneRepeatsTheGroupFromNowWithItsMembersAndTheCallerAsOwner() {
        UUID original = UUID.fromString(owner.post("/api/groups", body("\"name\":\"Sprint\","
                + "\"start_at\":\"2025-01-06T00:00:00Z\",\"end_at\":\"2025-02-03T00:00:00Z\",\"period\":\"weekly\","
                + "\"period_target_minutes\":600,\"timezone\":\"Europe/Berlin\"")).json().getString("id"));
        TestUser admin = TestUser.named("Ada Admin");
        TestUser member = TestUser.named("Max Member");
        addMember(owner, original, admin, "admin");
        addMember(owner, original, member, "member");
        assertEquals(200, owner.patch("/api/groups/" + original + "/members/" + member.id(),
                "{\"override_period_target_minutes\":120}").status());
        Fixtures.archive(original);

        Instant before = Instant.now();
        Api.Reply reply = admin.action("/api/groups/" + original + ":clone");
        assertEquals(201, reply.status(), reply::toString);
        JsonObject copy = reply.json();
        UUID copyId = UUID.fromString(copy.getString("id"));
        assertEquals("/api/groups/" + copyId, reply.header("Location"));
        assertTrue(!copyId.equals(original));
        assertEquals(GROUP_FIELDS, copy.keySet());
        assertEquals("Sprint", copy.getString("name"));
        assertEquals("Deep work together", copy.getString("description"));
        assertEquals("weekly", copy.getString("period"));
        assertEquals(600, copy.getInt("period_target_minutes"));
        assertEquals("Europe/Berlin", copy.getString("timezone"));
        assertEquals("active", copy.getString("status"));
        assertEquals(admin.id().toString(), copy.getString("owner_id"));
        assertEquals("owner", copy.getString("my_role"));
        assertEquals(3, copy.getInt("member_count"));
        Instant start = Instant.parse(copy.getString("start_at"));
        assertTrue(!start.isBefore(before.minusSeconds(5)) && !start.isAfter(Instant.now()), "starts now: " + start);
        assertEquals(Duration.ofDays(28), Duration.between(start, Instant.parse(copy.getString("end_at"))), "same duration");

        assertEquals("owner", roleOf(copyId, admin));
        assertEquals("admin", roleOf(copyId, owner), "the previous owner stays as admin");
        assertEquals("member", roleOf(copyId, member));
        assertEquals(120, ((Number) Db.value("select override_period_target_minutes from group_members "
                + "where group_id = ? and user_id = ?", copyId, member.id())).intValue(), "overrides are copied");
        assertEquals("archived", Db.value("select status from groups where id = ?", original), "the original is untouched");
    }

    @Test
    void theCustomMethodRoutesAreNotTakenForTheGroupItself() {
        UUID group = Fixtures.groupId(owner);
        Api.Reply withEmptyObject = Api.post("/api/groups/" + group + ":clone", owner.token(), "{}");
        assertEquals(201, withEmptyObject.status(), () -> "POST {id}:clone is the clone: " + withEmptyObject);
        // RESTEasy falls back to GET {id} with the id "<uuid>:clone", which is no UUID: 404
        Api.Reply getClone = owner.get("/api/groups/" + group + ":clone");
        assertTrue(getClone.status() == 404 || getClone.status() == 405, getClone::toString);
        assertProblem(owner.action("/api/groups/" + group), 405, "method_not_allowed");
        Api.Reply unknownMethod = owner.action("/api/groups/" + group + ":explode");
        assertTrue(unknownMethod.status() == 404 || unknownMethod.status() == 405, unknownMethod::toString);
        assertProblem(owner.action("/api/groups/not-a-uuid:clone"), 404, "not_found");
        long groups = Db.count("select count(*) from groups");
        assertFieldProblem(Api.post("/api/groups/" + group + ":clone", owner.token(), "{\"name\":\"x\"}"),
                "unknown_field", "name");
        assertProblem(Api.post("/api/groups/" + group + ":clone", owner.token(), "[1]"), 400, "malformed_json");
        assertEquals(groups, Db.count("select count(*) from groups"), "a refused clone creates nothing");
    }

    @Test
    void aPlainMemberCannotClone() {
        UUID group = Fixtures.groupId(owner);
        TestUser member = TestUser.named("Max Member");
        addMember(owner, group, member, "member");
        String before = Db.snapshot();
        assertProblem(member.action("/api/groups/" + group + ":clone"), 403, "forbidden");
        assertEquals(before, Db.snapshot());
    }

    // ------------------------------------------------------------------------------ members

    @Test
    void membersAreListedWithTheirRoleAndEffectiveTarget() {
        UUID group = Fixtures.groupId(owner);
        TestUser admin = TestUser.named("Ada Admin");
        TestUser member = TestUser.named("Max Member");
        addMember(owner, group, member, "member");
        addMember(owner, group, admin, "admin");
        owner.patch("/api/groups/" + group + "/members/" + member.id(), "{\"override_period_target_minutes\":30}");

        JsonArray members = member.get("/api/groups/" + group + "/members").array();
        assertEquals(3, members.size());
        JsonObject first = members.getJsonObject(0);
        assertEquals(MEMBER_FIELDS, first.keySet());
        assertEquals(List.of("owner", "admin", "member"), members.stream()
                .map(m -> m.asJsonObject().getString("role")).toList(), "owner first, then admins, then members");
        assertEquals(owner.id().toString(), first.getString("user_id"));
        assertEquals("Olivia Owner", first.getString("display_name"));
        assertTrue(first.isNull("override_period_target_minutes"));
        assertEquals(60, first.getInt("effective_target_minutes"));
        JsonObject max = members.getJsonObject(2);
        assertEquals(30, max.getInt("override_period_target_minutes"));
        assertEquals(30, max.getInt("effective_target_minutes"));
        assertTrue(max.getString("joined_at").endsWith("Z"));
        assertEquals(max, owner.get("/api/groups/" + group + "/members/" + member.id()).json());
        assertProblem(owner.get("/api/groups/" + group + "/members/" + UUID.randomUUID()), 404, "not_found");
    }

    @Test
    void theOwnerAddsMembersAndAdmins() {
        UUID group = Fixtures.groupId(owner);
        TestUser member = TestUser.named("Max Member");
        Api.Reply reply = owner.post("/api/groups/" + group + "/members", "{\"user_id\":\"" + member.id() + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        assertEquals("/api/groups/" + group + "/members/" + member.id(), reply.header("Location"));
        assertEquals(MEMBER_FIELDS, reply.json().keySet());
        assertEquals("member", reply.json().getString("role"), "member by default");
        assertEquals("Max Member", reply.json().getString("display_name"));
        assertEquals(60, reply.json().getInt("effective_target_minutes"));
        assertEquals("member", roleOf(group, member));

        TestUser admin = TestUser.named("Ada Admin");
        Api.Reply asAdmin = owner.post("/api/groups/" + group + "/members", "{\"user_id\":\"" + admin.id() + "\",\"role\":\"admin\"}");
        assertEquals(201, asAdmin.status(), asAdmin::toString);
        assertEquals("admin", roleOf(group, admin));
        assertEquals(3, owner.get("/api/groups/" + group).json().getInt("member_count"));
    }

    @Test
    void anAdminAddsMembersButNotAdmins() {
        UUID group = Fixtures.groupId(owner);
        TestUser admin = TestUser.named("Ada Admin");
        addMember(owner, group, admin, "admin");
        TestUser newcomer = TestUser.named("New");
        String before = Db.snapshot();
        assertProblem(admin.post("/api/groups/" + group + "/members",
                "{\"user_id\":\"" + newcomer.id() + "\",\"role\":\"admin\"}"), 403, "forbidden");
        assertEquals(before, Db.snapshot());
        addMember(admin, group, newcomer, "member");
        assertEquals("member", roleOf(group, newcomer));
    }

    @Test
    void addingRefusesBadInputUnknownPeopleMembersAndArchivedGroups() {
        UUID group = Fixtures.groupId(owner);
        TestUser member = TestUser.named("Max Member");
        addMember(owner, group, member, "member");
        TestUser stranger = TestUser.named("Stranger");
        String path = "/api/groups/" + group + "/members";
        String before = Db.snapshot();

        assertFieldProblem(owner.post(path, "{\"user_id\":\"" + stranger.id() + "\",\"role\":\"owner\"}"), "validation_failed", "role");
        assertFieldProblem(owner.post(path, "{\"user_id\":\"" + stranger.id() + "\",\"role\":\"boss\"}"), "validation_failed", "role");
        assertFieldProblem(owner.post(path, "{\"role\":\"member\"}"), "validation_failed", "user_id");
        assertFieldProblem(owner.post(path, "{\"user_id\":\"nope\"}"), "validation_failed", "user_id");
        assertFieldProblem(owner.post(path, "{\"user_id\":\"" + stranger.id() + "\",\"admin\":true}"), "unknown_field", "admin");
        assertProblem(owner.post(path, "{\"user_id\":\"" + UUID.randomUUID() + "\"}"), 404, "not_found");
        assertProblem(owner.post(path, "{\"user_id\":\"" + member.id() + "\"}"), 409, "already_member");
        assertProblem(owner.post(path, "{\"user_id\":\"" + owner.id() + "\"}"), 409, "already_member");
        assertProblem(member.post(path, "{\"user_id\":\"" + stranger.id() + "\"}"), 403, "forbidden");
        assertEquals(before, Db.snapshot());

        Fixtures.archive(group);
        String archived = Db.snapshot();
        assertProblem(owner.post(path, "{\"user_id\":\"" + stranger.id() + "\"}"), 409, "group_archived");
        assertEquals(archived, Db.snapshot());
        assertEquals(200, owner.patch(path + "/" + member.id(), "{\"override_period_target_minutes\":10}").status(),
                "an archived group's members can still be changed (before cloning it)");
        assertEquals(204, member.delete(path + "/" + member.id()).status(), "and left");
    }

    @Test
    void twoSimultaneousAddsOfTheSamePersonMakeOneMembership() {
        UUID group = Fixtures.groupId(owner);
        TestUser admin = TestUser.named("Ada Admin");
        addMember(owner, group, admin, "admin");
        for (int round = 0; round < 3; round++) {
            TestUser newcomer = TestUser.named("Newcomer " + round);
            String body = "{\"user_id\":\"" + newcomer.id() + "\"}";
            List<TestUser> callers = List.of(owner, admin);
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            List<Api.Reply> replies = Fixtures.simultaneously(2,
                    () -> callers.get(next.getAndIncrement()).post("/api/groups/" + group + "/members", body));
            assertEquals(List.of(201, 409), replies.stream().map(Api.Reply::status).sorted().toList(), replies::toString);
            replies.stream().filter(r -> r.status() == 409).forEach(r -> assertProblem(r, 409, "already_member"));
            assertEquals(1, Db.count("select count(*) from group_members where group_id = ? and user_id = ?", group, newcomer.id()));
        }
    }

    @Test
    void theOwnerChangesRolesAndTargets() {
        UUID group = Fixtures.groupId(owner);
        TestUser member = TestUser.named("Max Member");
        addMember(owner, group, member, "member");
        String path = "/api/groups/" + group + "/members/" + member.id();

        Api.Reply promoted = owner.patch(path, "{\"role\":\"admin\",\"override_period_target_minutes\":1440}");
        assertEquals(200, promoted.status(), promoted::toString);
        assertEquals(MEMBER_FIELDS, promoted.json().keySet());
        assertEquals("admin", promoted.json().getString("role"));
        assertEquals(1440, promoted.json().getInt("effective_target_minutes"));
        assertEquals("admin", roleOf(group, member));

        Api.Reply cleared = owner.patch(path, "{\"override_period_target_minutes\":null}");
        assertEquals(200, cleared.status(), cleared::toString);
        assertTrue(cleared.json().isNull("override_period_target_minutes"));
        assertEquals(60, cleared.json().getInt("effective_target_minutes"), "back to the group's target");
        assertEquals("admin", cleared.json().getString("role"), "a field not sent is not changed");

        assertEquals("member", owner.patch(path, "{\"role\":\"member\"}").json().getString("role"));
        assertNull(Db.value("select override_period_target_minutes from group_members where group_id = ? and user_id = ?",
                group, member.id()));
    }

    @Test
    void anAdminChangesTargetsButNotRoles() {
        UUID group = Fixtures.groupId(owner);
        TestUser admin = TestUser.named("Ada Admin");
        TestUser member = TestUser.named("Max Member");
        addMember(owner, group, admin, "admin");
        addMember(owner, group, member, "member");
        Api.Reply target = admin.patch("/api/groups/" + group + "/members/" + member.id(), "{\"override_period_target_minutes\":45}");
        assertEquals(200, target.status(), target::toString);
        assertEquals(45, target.json().getInt("effective_target_minutes"));
        Api.Reply ownersTarget = admin.patch("/api/groups/" + group + "/members/" + owner.id(), "{\"override_period_target_minutes\":90}");
        assertEquals(200, ownersTarget.status(), () -> "targets are not rank-protected: " + ownersTarget);
        String before = Db.snapshot();
        assertProblem(admin.patch("/api/groups/" + group + "/members/" + member.id(), "{\"role\":\"admin\"}"), 403, "forbidden");
        assertProblem(admin.patch("/api/groups/" + group + "/members/" + admin.id(), "{\"role\":\"member\"}"), 403, "forbidden");
        assertProblem(member.patch("/api/groups/" + group + "/members/" + member.id(),
                "{\"override_period_target_minutes\":1}"), 403, "forbidden");
        assertEquals(before, Db.snapshot());
    }

    @Test
    void badChangesAreRefusedAndChangeNothing() {
        UUID group = Fixtures.groupId(owner);
        TestUser member = TestUser.named("Max Member");
        addMember(owner, group, member, "member");
        String path = "/api/groups/" + group + "/members/" + member.id();
        String before = Db.snapshot();
        assertFieldProblem(owner.patch(path, "{}"), "validation_failed", "body");
        assertFieldProblem(owner.patch(path, "{\"override_period_target_minutes\":0}"), "validation_failed", "override_period_target_minutes");
        assertFieldProblem(owner.patch(path, "{\"override_period_target_minutes\":1441}"), "validation_failed", "override_period_target_minutes");
        assertFieldProblem(owner.patch(path, "{\"override_period_target_minutes\":\"ten\"}"), "validation_failed", "override_period_target_minutes");
        assertFieldProblem(owner.patch(path, "{\"role\":\"owner\"}"), "validation_failed", "role");
        assertFieldProblem(owner.patch(path, "{\"role\":null}"), "validation_failed", "role");
        assertFieldProblem(owner.patch(path, "{\"nickname\":\"m\"}"), "unknown_field", "nickname");
        assertProblem(owner.patch("/api/groups/" + group + "/members/" + owner.id(), "{\"role\":\"admin\"}"), 409, "conflict");
        assertProblem(owner.patch("/api/groups/" + group + "/members/" + UUID.randomUUID(), "{\"role\":\"admin\"}"), 404, "not_found");
        assertEquals(before, Db.snapshot());

        UUID weekly = UUID.fromString(owner.post("/api/groups", body("\"period\":\"weekly\",\"period_target_minutes\":600")).json().getString("id"));
        Api.Reply week = owner.patch("/api/groups/" + weekly + "/members/" + owner.id(), "{\"override_period_target_minutes\":10080}");
        assertEquals(200, week.status(), "a weekly group allows a week: " + week);
        assertFieldProblem(owner.patch("/api/groups/" + weekly + "/members/" + owner.id(),
                "{\"override_period_target_minutes\":10081}"), "validation_failed", "override_period_target_minutes");
    }

    @Test
    void removingAndLeavingFollowTheRoles() {
        UUID group = Fixtures.groupId(owner);
        TestUser admin = TestUser.named("Ada Admin");
        TestUser otherAdmin = TestUser.named("Abe Admin");
        TestUser member = TestUser.named("Max Member");
        TestUser another = TestUser.named("Mia Member");
        addMember(owner, group, admin, "admin");
        addMember(owner, group, otherAdmin, "admin");
        addMember(owner, group, member, "member");
        addMember(owner, group, another, "member");
        String members = "/api/groups/" + group + "/members/";

        String before = Db.snapshot();
        assertProblem(admin.delete(members + owner.id()), 403, "forbidden");
        assertProblem(admin.delete(members + otherAdmin.id()), 403, "forbidden");
        assertProblem(member.delete(members + another.id()), 403, "forbidden");
        assertProblem(owner.delete(members + owner.id()), 409, "owner_cannot_leave");
        assertProblem(owner.delete(members + UUID.randomUUID()), 404, "not_found");
        assertEquals(before, Db.snapshot());

        Api.Reply removed = admin.delete(members + member.id());
        assertEquals(204, removed.status(), removed::toString);
        assertTrue(removed.body().isEmpty());
        assertNull(roleOf(group, member));
        assertProblem(member.get("/api/groups/" + group), 404, "not_found");
        assertProblem(admin.delete(members + member.id()), 404, "not_found");

        assertEquals(204, another.delete(members + another.id()).status(), "a member leaves");
        assertEquals(204, otherAdmin.delete(members + otherAdmin.id()).status(), "an admin leaves");
        assertEquals(204, owner.delete(members + admin.id()).status(), "the owner removes an admin");
        assertEquals(1, Db.count("select count(*) from group_members where group_id = ?", group));
    }

    // ------------------------------------------------------------------------------ helpers

    private void assertCreateRefused(String body, String field) {
        long before = Db.count("select count(*) from groups where owner_id = ?", owner.id());
        assertFieldProblem(owner.post("/api/groups", body), field.equals("owner_id") ? "unknown_field" : "validation_failed", field);
        assertEquals(before, Db.count("select count(*) from groups where owner_id = ?", owner.id()), "nothing was created");
    }

    /** A valid body with some fields replaced (given as JSON members). */
    private static String body(String overrides) {
        JsonObject valid = parse(Fixtures.GroupSpec.standard().body("Focus club"));
        JsonObject changes = parse("{" + overrides + "}");
        var merged = jakarta.json.Json.createObjectBuilder(valid);
        changes.forEach(merged::add);
        return merged.build().toString();
    }

    private static String validWithout(String field) {
        return jakarta.json.Json.createObjectBuilder(parse(Fixtures.GroupSpec.standard().body("Focus club"))).remove(field).build().toString();
    }

    private static JsonObject parse(String json) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }

    private static List<String> ids(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.array().stream().map(JsonValue::asJsonObject).map(g -> g.getString("id")).toList();
    }
}
