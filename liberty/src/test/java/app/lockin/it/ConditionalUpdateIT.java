package app.lockin.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static app.lockin.it.Fixtures.addMember;
import static app.lockin.it.Fixtures.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ETag / If-Match (SPEC §15): the profile, a group and a member carry a strong ETag that changes
 * whenever a field of the answer changes; a PATCH whose If-Match names none of the current tags
 * answers 412 and changes nothing; without If-Match it applies as before.
 */
@ExtendWith(ArquillianExtension.class)
class ConditionalUpdateIT {

    TestUser alice;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @BeforeEach
    void someone() {
        alice = TestUser.named("Alice Tag");
    }

    static Api.Reply patchIfMatch(TestUser user, String path, String body, String ifMatch) {
        return Api.sendWith("PATCH", path, user.token(), body, Map.of("If-Match", ifMatch));
    }

    static String strongTag(Api.Reply reply) {
        String tag = reply.header("ETag");
        assertNotNull(tag, () -> "an ETag: " + reply);
        assertTrue(tag.matches("\"[!#-~]+\""), () -> "a strong tag: " + tag);
        return tag;
    }

    static String displayName(TestUser user) {
        return (String) Db.value("select display_name from profiles where id = ?", user.id());
    }

    // ------------------------------------------------------------------------- the profile

    @Test
    void theProfileTagFollowsEveryFieldOfTheAnswer() {
        String first = strongTag(alice.get("/api/me"));
        assertEquals(first, strongTag(alice.get("/api/me")), "stable while nothing changes");

        Api.Reply renamed = alice.patch("/api/me", "{\"display_name\":\"Alice T.\"}");
        assertEquals(200, renamed.status(), renamed::toString);
        String second = strongTag(renamed);
        assertNotEquals(first, second);
        assertEquals(second, strongTag(alice.get("/api/me")), "the PATCH answer's tag is the resource's");

        // a field that comes from another table: a new membership in the profile's memberships
        TestUser owner = TestUser.named("Owner");
        Fixtures.groupId(Fixtures.GroupSpec.standard(), owner, alice);
        assertNotEquals(second, strongTag(alice.get("/api/me")));
    }

    @Test
    void aPatchOfTheProfileWithAStaleTagIs412AndChangesNothing() {
        String stale = strongTag(alice.get("/api/me"));
        assertEquals(200, alice.patch("/api/me", "{\"display_name\":\"Changed elsewhere\"}").status());
        String current = strongTag(alice.get("/api/me"));
        String before = Db.snapshot();

        assertProblem(patchIfMatch(alice, "/api/me", "{\"display_name\":\"Lost update\"}", stale), 412, "precondition_failed");
        assertProblem(patchIfMatch(alice, "/api/me", "{\"display_name\":\"Lost update\"}", "W/" + current), 412,
                "precondition_failed"); // weak tags never match
        assertProblem(patchIfMatch(alice, "/api/me", "{\"display_name\":\"Lost update\"}", "not a tag list"), 412,
                "precondition_failed");
        assertEquals(before, Db.snapshot());
        assertEquals("Changed elsewhere", displayName(alice));

        Api.Reply matched = patchIfMatch(alice, "/api/me", "{\"display_name\":\"Alice 2\"}", stale + ", " + current);
        assertEquals(200, matched.status(), matched::toString);
        assertEquals("Alice 2", displayName(alice));
        Api.Reply any = patchIfMatch(alice, "/api/me", "{\"display_name\":\"Alice 3\"}", "*");
        assertEquals(200, any.status(), any::toString);
        assertEquals(200, alice.patch("/api/me", "{\"display_name\":\"Alice 4\"}").status(), "no If-Match: applies");
        assertEquals("Alice 4", displayName(alice));
    }

    @Test
    void twoPatchesOfOneVersionAtOnceLetExactlyOneThrough() {
        String tag = strongTag(alice.get("/api/me"));
        List<Api.Reply> replies = Fixtures.simultaneously(6, () -> patchIfMatch(alice, "/api/me",
                "{\"display_name\":\"Racer " + UUID.randomUUID().toString().substring(0, 8) + "\"}", tag));
        assertEquals(1, replies.stream().filter(r -> r.status() == 200).count(), replies::toString);
        assertEquals(5, replies.stream().filter(r -> r.status() == 412).count(), replies::toString);
        String winner = replies.stream().filter(r -> r.status() == 200).findFirst().orElseThrow().json().getString("display_name");
        assertEquals(winner, displayName(alice));
    }

    // ------------------------------------------------------------------------- a group, a member

    @Test
    void theGroupTagChangesWithItsMemberCount() {
        UUID group = Fixtures.groupId(alice);
        String before = strongTag(alice.get("/api/groups/" + group));
        addMember(alice, group, TestUser.named("Newcomer"), "member");
        String after = strongTag(alice.get("/api/groups/" + group));
        assertNotEquals(before, after);
    }

    @Test
    void aPatchOfAMemberWithAStaleTagIs412AndChangesNothing() {
        UUID group = Fixtures.groupId(alice);
        TestUser bob = TestUser.named("Bob Member");
        Api.Reply added = alice.post("/api/groups/" + group + "/members", "{\"user_id\":\"" + bob.id() + "\"}");
        assertEquals(201, added.status(), added::toString);
        String v1 = strongTag(added);
        String path = "/api/groups/" + group + "/members/" + bob.id();
        assertEquals(v1, strongTag(alice.get(path)));

        Api.Reply changed = patchIfMatch(alice, path, "{\"override_period_target_minutes\":30}", v1);
        assertEquals(200, changed.status(), changed::toString);
        String v2 = strongTag(changed);
        assertNotEquals(v1, v2);
        String before = Db.snapshot();

        assertProblem(patchIfMatch(alice, path, "{\"override_period_target_minutes\":45}", v1), 412, "precondition_failed");
        assertEquals(before, Db.snapshot());
        assertEquals(30, ((Number) Db.value("select override_period_target_minutes from group_members where group_id = ? and user_id = ?",
                group, bob.id())).intValue());

        // a replayed PATCH answers the tag it had
        Map<String, String> headers = Map.of("If-Match", v2, "Idempotency-Key", UUID.randomUUID().toString());
        Api.Reply once = Api.sendWith("PATCH", path, alice.token(), "{\"override_period_target_minutes\":50}", headers);
        Api.Reply replay = Api.sendWith("PATCH", path, alice.token(), "{\"override_period_target_minutes\":50}", headers);
        assertEquals(200, once.status(), once::toString);
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals(strongTag(once), strongTag(replay));
        assertEquals(strongTag(once), strongTag(alice.get(path)));
    }

    @Test
    void aPatchOfAGroupWithAStaleTagIs412AndChangesNothing() {
        UUID group = Fixtures.groupId(alice);
        String path = "/api/groups/" + group;
        String v1 = strongTag(alice.get(path));

        Api.Reply changed = patchIfMatch(alice, path, "{\"name\":\"Renamed with the tag\"}", v1);
        assertEquals(200, changed.status(), changed::toString);
        String v2 = strongTag(changed);
        assertNotEquals(v1, v2);
        assertEquals(v2, strongTag(alice.get(path)));
        String before = Db.snapshot();

        assertProblem(patchIfMatch(alice, path, "{\"name\":\"Renamed with a stale tag\"}", v1), 412, "precondition_failed");
        assertEquals(before, Db.snapshot());
        assertEquals("Renamed with the tag", Db.value("select name from groups where id = ?", group));
    }
}
