package app.lockin.it;

import app.lockin.it.Fixtures.GroupSpec;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static app.lockin.it.Fixtures.addMember;
import static app.lockin.it.Fixtures.assertFieldProblem;
import static app.lockin.it.Fixtures.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invite links (SPEC §13): making, listing, revoking, previewing and joining; max_uses under
 * concurrency; every refusal a problem+json with its code that changes nothing in the database.
 */
@ExtendWith(ArquillianExtension.class)
class InviteLinksIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @AfterEach
    void realTimeAgain() {
        TestClock.release();
    }

    static String links(UUID group) {
        return "/api/groups/" + group + "/invite-links";
    }

    static JsonObject link(TestUser by, UUID group, String body) {
        Api.Reply reply = body == null ? Api.send("POST", links(group), by.token(), null, null) : by.post(links(group), body);
        assertEquals(201, reply.status(), reply::toString);
        assertEquals(links(group) + "/" + reply.json().getString("code"), reply.header("Location"));
        return reply.json();
    }

    @Test
    void aLinkIsMadePreviewedAndJoined() {
        TestUser owner = TestUser.named("Olivia Owner");
        TestUser admin = TestUser.named("Ada Admin");
        TestUser friend = TestUser.named("Fred Friend");
        UUID group = Fixtures.groupId(owner);
        addMember(owner, group, admin, "admin");

        Instant before = Instant.now();
        JsonObject made = link(owner, group, null);
        String code = made.getString("code");
        assertTrue(code.matches("[A-Za-z0-9_-]{32}"), "192 random bits, URL-safe: " + code);
        assertEquals("/join/" + code, made.getString("url_path"));
        assertEquals(100, made.getInt("max_uses"));
        assertEquals(0, made.getInt("uses"));
        assertEquals(owner.id().toString(), made.getString("created_by"));
        Duration validity = Duration.between(before, Instant.parse(made.getString("expires_at")));
        assertTrue(validity.compareTo(Duration.ofHours(167)) > 0 && validity.compareTo(Duration.ofHours(169)) < 0, validity::toString);
        JsonObject byAdmin = link(admin, group, "{\"expires_in_hours\":1,\"max_uses\":5}");
        assertEquals(5, byAdmin.getInt("max_uses"));
        assertNotEquals(code, byAdmin.getString("code"));

        List<String> listed = owner.get(links(group)).array().stream().map(v -> v.asJsonObject().getString("code")).toList();
        assertEquals(List.of(byAdmin.getString("code"), code), listed, "newest first");

        JsonObject preview = friend.get("/api/invite-links/" + code).json();
        assertFalse(preview.getBoolean("is_member"));
        assertEquals(group.toString(), preview.getJsonObject("group").getString("id"));
        assertEquals(2, preview.getJsonObject("group").getInt("member_count"));
        assertEquals(made.getString("expires_at"), preview.getString("expires_at"));

        Api.Reply joined = friend.action("/api/invite-links/" + code + ":join");
        assertEquals(201, joined.status(), joined::toString);
        assertEquals("/api/groups/" + group + "/members/" + friend.id(), joined.header("Location"));
        assertEquals("member", joined.json().getString("role"));
        assertEquals(group.toString(), joined.json().getString("group_id"));
        assertEquals("member", Fixtures.roleOf(group, friend));
        assertEquals(1, uses(code));

        Api.Reply again = friend.action("/api/invite-links/" + code + ":join");
        assertEquals(200, again.status(), again::toString);
        assertEquals(joined.json().getString("joined_at"), again.json().getString("joined_at"));
        assertEquals(1, uses(code), "a member joining again consumes no use");
        assertTrue(friend.get("/api/invite-links/" + code).json().getBoolean("is_member"));
        assertEquals(200, friend.get("/api/groups/" + group).status(), "a member now");
    }

    /** 20 people join a 3-use link at the same instant: exactly 3 memberships, the rest invite_link_invalid. */
    @Test
    void concurrentJoinsNeverExceedMaxUses() {
        TestUser owner = TestUser.named("Olivia Owner");
        UUID group = Fixtures.groupId(owner);
        String code = link(owner, group, "{\"max_uses\":3}").getString("code");
        List<TestUser> people = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            people.add(TestUser.named("Joiner " + i));
        }
        var next = new java.util.concurrent.atomic.AtomicInteger();
        List<Api.Reply> replies = Fixtures.simultaneously(20,
                () -> people.get(next.getAndIncrement()).action("/api/invite-links/" + code + ":join"));

        assertEquals(3, replies.stream().filter(r -> r.status() == 201).count(), replies::toString);
        replies.stream().filter(r -> r.status() != 201).forEach(r -> assertProblem(r, 404, "invite_link_invalid"));
        assertEquals(4, Db.count("select count(*) from group_members where group_id = ?", group));
        assertEquals(3, uses(code));
        assertTrue(owner.get(links(group)).array().isEmpty(), "a used-up link is no longer listed");
    }

    @Test
    void aRevokedExpiredOrUsedUpLinkOrAnArchivedGroupLeadsNowhere() {
        TestUser owner = TestUser.named("Olivia Owner");
        TestUser friend = TestUser.named("Fred Friend");
        TestUser member = TestUser.named("Max Member");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 60), owner, member);
        String revoked = link(owner, group, null).getString("code");
        String usedUp = link(owner, group, "{\"max_uses\":1}").getString("code");
        assertEquals(201, TestUser.named("First").action("/api/invite-links/" + usedUp + ":join").status());
        String live = link(owner, group, "{\"expires_in_hours\":2}").getString("code");

        assertEquals(204, owner.delete(links(group) + "/" + revoked).status());
        assertProblem(owner.delete(links(group) + "/" + revoked), 404, "not_found");
        assertProblem(owner.delete(links(group) + "/" + "x".repeat(32)), 404, "not_found");
        assertEquals(List.of(live), owner.get(links(group)).array().stream()
                .map(v -> v.asJsonObject().getString("code")).toList());

        List<String> nowhere = new ArrayList<>(List.of(revoked, usedUp, "x".repeat(32), "too-short", "not%20a%20code"));
        assertAllInvalid(friend, nowhere);
        assertAllInvalid(member, List.of(revoked), "a member too");

        TestClock.pin(Instant.now().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertAllInvalid(friend, List.of(live), "expired");
        TestClock.release();
        assertEquals(200, friend.get("/api/invite-links/" + live).status());
        Fixtures.archive(group);
        assertAllInvalid(friend, List.of(live), "archived group");
    }

    @Test
    void onlyOwnersAndAdminsManageLinksOfActiveGroupsAndBadBodiesAreRefused() {
        TestUser owner = TestUser.named("Olivia Owner");
        TestUser member = TestUser.named("Max Member");
        TestUser stranger = TestUser.named("Mallory");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 60), owner, member);
        String code = link(owner, group, null).getString("code");
        String before = Db.snapshot();

        assertProblem(member.post(links(group), "{}"), 403, "forbidden");
        assertProblem(member.get(links(group)), 403, "forbidden");
        assertProblem(member.delete(links(group) + "/" + code), 403, "forbidden");
        assertProblem(stranger.post(links(group), "{}"), 404, "not_found");
        assertProblem(stranger.get(links(group)), 404, "not_found");
        assertProblem(stranger.delete(links(group) + "/" + code), 404, "not_found");
        assertFieldProblem(owner.post(links(group), "{\"expires_in_hours\":0}"), "validation_failed", "expires_in_hours");
        assertFieldProblem(owner.post(links(group), "{\"expires_in_hours\":721}"), "validation_failed", "expires_in_hours");
        assertFieldProblem(owner.post(links(group), "{\"max_uses\":1001}"), "validation_failed", "max_uses");
        assertFieldProblem(owner.post(links(group), "{\"max_uses\":0}"), "validation_failed", "max_uses");
        assertProblem(owner.post(links(group), "{\"uses\":0}"), 400, "unknown_field");
        assertEquals(before, Db.snapshot(), "nothing changed");
    }

    @Test
    void anArchivedOrEndedGroupTakesNoNewLinks() {
        TestUser owner = TestUser.named("Olivia Owner");
        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        UUID ended = Fixtures.groupId(GroupSpec.daily("UTC", 60).window(start, Instant.parse("2026-06-10T00:00:00Z")), owner);
        UUID archived = Fixtures.groupId(GroupSpec.daily("UTC", 60), owner);
        Fixtures.archive(archived);
        TestClock.pin(Instant.parse("2026-06-10T00:00:00Z")); // end_at has passed, the group is not archived yet
        String before = Db.snapshot();
        assertProblem(owner.post(links(ended), "{}"), 409, "group_archived");
        assertProblem(owner.post(links(archived), "{}"), 409, "group_archived");
        assertEquals(before, Db.snapshot());
    }

    private static void assertAllInvalid(TestUser caller, List<String> codes, String... why) {
        String before = Db.snapshot();
        for (String code : codes) {
            Supplier<String> what = () -> code + " " + String.join(" ", why);
            Api.Reply preview = caller.get("/api/invite-links/" + code);
            Api.Reply join = caller.action("/api/invite-links/" + code + ":join");
            try {
                assertProblem(preview, 404, "invite_link_invalid");
                assertProblem(join, 404, "invite_link_invalid");
            } catch (AssertionError e) {
                throw new AssertionError(what.get() + ": " + e.getMessage(), e);
            }
        }
        assertEquals(before, Db.snapshot(), "nothing changed");
    }

    private static int uses(String code) {
        return ((Number) Db.value("select uses from invite_links where code = ?", code)).intValue();
    }
}
