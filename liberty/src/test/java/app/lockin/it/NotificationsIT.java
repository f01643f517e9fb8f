package app.lockin.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static app.lockin.it.Fixtures.addMember;
import static app.lockin.it.Fixtures.assertFieldProblem;
import static app.lockin.it.Fixtures.assertProblem;
import static app.lockin.it.Fixtures.roleOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §6 invites and §8 the inbox: invites are notifications, so they are tested together. */
@ExtendWith(ArquillianExtension.class)
class NotificationsIT {

    static final Set<String> NOTIFICATION_FIELDS = Set.of("id", "kind", "status", "title", "body", "group_id",
            "actor_id", "created_at", "read_at");

    TestUser owner;
    TestUser guest;
    UUID group;
    String groupName;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @BeforeEach
    void aGroupAndAGuest() {
        owner = TestUser.named("Olivia Owner");
        guest = TestUser.named("Gus Guest");
        JsonObject created = Fixtures.group(owner);
        group = UUID.fromString(created.getString("id"));
        groupName = created.getString("name");
    }

    // ------------------------------------------------------------------------------ invite

    @Test
    void anInviteIsAnUnreadNotificationForTheRecipient() {
        Api.Reply reply = owner.post("/api/groups/" + group + ":invite", "{\"recipient_id\":\"" + guest.id() + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        JsonObject invite = reply.json();
        assertEquals(NOTIFICATION_FIELDS, invite.keySet());
        assertEquals("/api/notifications/" + invite.getString("id"), reply.header("Location"));
        assertEquals("group_invite", invite.getString("kind"));
        assertEquals("unread", invite.getString("status"));
        assertEquals("Invitation to " + groupName, invite.getString("title"));
        assertEquals("Olivia Owner invited you to join " + groupName, invite.getString("body"));
        assertEquals(group.toString(), invite.getString("group_id"));
        assertEquals(owner.id().toString(), invite.getString("actor_id"));
        assertTrue(invite.isNull("read_at"));
        assertTrue(invite.getString("created_at").endsWith("Z"));

        Api.Reply seen = guest.get(reply.header("Location"));
        assertEquals(200, seen.status(), seen::toString);
        assertEquals(invite, seen.json(), "the Location resolves for the recipient");
        assertProblem(owner.get(reply.header("Location")), 404, "not_found");
        assertEquals(invite, guest.get("/api/notifications").json().getJsonArray("items").getJsonObject(0));
        assertNull(roleOf(group, guest), "an invite is not a membership");
    }

    @Test
    void aSecondInviteWhilePendingReturnsThePendingOne() {
        TestUser admin = TestUser.named("Ada Admin");
        addMember(owner, group, admin, "admin");
        UUID first = Fixtures.invite(owner, group, guest);
        Api.Reply again = admin.post("/api/groups/" + group + ":invite", "{\"recipient_id\":\"" + guest.id() + "\"}");
        assertEquals(200, again.status(), again::toString);
        assertEquals(first.toString(), again.json().getString("id"));
        assertEquals(owner.id().toString(), again.json().getString("actor_id"), "the pending invite, unchanged");
        assertEquals(200, guest.action("/api/notifications/" + first + ":read").status());
        assertEquals(first.toString(), owner.post("/api/groups/" + group + ":invite",
                "{\"recipient_id\":\"" + guest.id() + "\"}").json().getString("id"), "a read invite is still pending");
        assertEquals(1, pendingInvites(guest));

        assertEquals(200, guest.action("/api/invites/" + first + ":decline").status());
        UUID second = Fixtures.invite(admin, group, guest);
        assertNotEquals(first, second, "after a decline a new invite can be sent");
        assertEquals(1, pendingInvites(guest));
    }

    @Test
    void invitesAreRefusedWithTheirCodesAndChangeNothing() {
        TestUser member = TestUser.named("Max Member");
        addMember(owner, group, member, "member");
        String invite = "/api/groups/" + group + ":invite";
        String before = Db.snapshot();
        assertProblem(member.post(invite, "{\"recipient_id\":\"" + guest.id() + "\"}"), 403, "forbidden");
        assertProblem(guest.post(invite, "{\"recipient_id\":\"" + guest.id() + "\"}"), 404, "not_found");
        assertProblem(owner.post(invite, "{\"recipient_id\":\"" + member.id() + "\"}"), 409, "already_member");
        assertProblem(owner.post(invite, "{\"recipient_id\":\"" + owner.id() + "\"}"), 409, "already_member");
        assertProblem(owner.post(invite, "{\"recipient_id\":\"" + UUID.randomUUID() + "\"}"), 404, "not_found");
        assertProblem(owner.post("/api/groups/" + UUID.randomUUID() + ":invite", "{\"recipient_id\":\"" + guest.id() + "\"}"),
                404, "not_found");
        assertFieldProblem(owner.post(invite, "{}"), "validation_failed", "recipient_id");
        assertFieldProblem(owner.post(invite, "{\"recipient_id\":\"someone\"}"), "validation_failed", "recipient_id");
        assertFieldProblem(owner.post(invite, "{\"recipient_id\":\"" + guest.id() + "\",\"message\":\"hi\"}"),
                "unknown_field", "message");
        assertEquals(before, Db.snapshot());

        Fixtures.archive(group);
        String archived = Db.snapshot();
        assertProblem(owner.post(invite, "{\"recipient_id\":\"" + guest.id() + "\"}"), 409, "group_archived");
        assertEquals(archived, Db.snapshot());
    }

    @Test
    void twoSimultaneousInvitesLeaveOnePendingInvite() {
        TestUser admin = TestUser.named("Ada Admin");
        addMember(owner, group, admin, "admin");
        for (int round = 0; round < 3; round++) {
            TestUser recipient = TestUser.named("Rita " + round);
            List<TestUser> inviters = List.of(owner, admin);
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            List<Api.Reply> replies = Fixtures.simultaneously(2, () -> inviters.get(next.getAndIncrement())
                    .post("/api/groups/" + group + ":invite", "{\"recipient_id\":\"" + recipient.id() + "\"}"));
            assertEquals(List.of(200, 201), replies.stream().map(Api.Reply::status).sorted().toList(), replies::toString);
            assertEquals(replies.get(0).json().getString("id"), replies.get(1).json().getString("id"), "both see the same invite");
            assertEquals(1, pendingInvites(recipient));
        }
    }

    // ------------------------------------------------------------------------------ accept, decline

    @Test
    void acceptingMakesTheRecipientAMember() {
        UUID invite = Fixtures.invite(owner, group, guest);
        Api.Reply reply = guest.action("/api/invites/" + invite + ":accept");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject accepted = reply.json().getJsonObject("invite");
        assertEquals(NOTIFICATION_FIELDS, accepted.keySet());
        assertEquals(invite.toString(), accepted.getString("id"));
        assertEquals("accepted", accepted.getString("status"));
        assertFalse(accepted.isNull("read_at"), "accepting reads the invite");
        JsonObject membership = reply.json().getJsonObject("membership");
        assertEquals(group.toString(), membership.getString("group_id"));
        assertEquals(guest.id().toString(), membership.getString("user_id"));
        assertEquals("Gus Guest", membership.getString("display_name"));
        assertEquals("member", membership.getString("role"));
        assertEquals(60, membership.getInt("effective_target_minutes"));
        assertTrue(membership.containsKey("joined_at"));

        assertEquals("member", roleOf(group, guest));
        assertEquals("accepted", Db.value("select status from notifications where id = ?", invite));
        assertEquals(2, guest.get("/api/groups/" + group).json().getInt("member_count"));
        assertEquals(accepted, guest.get("/api/notifications/" + invite).json(), "what the answer said was stored");

        String after = Db.snapshot();
        assertProblem(guest.action("/api/invites/" + invite + ":accept"), 409, "invite_not_pending");
        assertProblem(guest.action("/api/invites/" + invite + ":decline"), 409, "invite_not_pending");
        assertEquals(after, Db.snapshot());
    }

    @Test
    void decliningClosesTheInviteWithoutMembership() {
        UUID invite = Fixtures.invite(owner, group, guest);
        Api.Reply reply = Api.post("/api/invites/" + invite + ":decline", guest.token(), "{}");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(NOTIFICATION_FIELDS, reply.json().keySet());
        assertEquals("declined", reply.json().getString("status"));
        assertFalse(reply.json().isNull("read_at"));
        assertNull(roleOf(group, guest));
        String after = Db.snapshot();
        assertProblem(guest.action("/api/invites/" + invite + ":accept"), 409, "invite_not_pending");
        assertProblem(guest.action("/api/invites/" + invite + ":decline"), 409, "invite_not_pending");
        assertEquals(after, Db.snapshot());
    }

    @Test
    void onlyTheRecipientCanAnswerAnInvite() {
        UUID invite = Fixtures.invite(owner, group, guest);
        TestUser stranger = TestUser.named("Stranger");
        String before = Db.snapshot();
        for (TestUser other : List.of(owner, stranger)) {
            assertProblem(other.action("/api/invites/" + invite + ":accept"), 404, "not_found");
            assertProblem(other.action("/api/invites/" + invite + ":decline"), 404, "not_found");
        }
        assertProblem(guest.action("/api/invites/" + UUID.randomUUID() + ":accept"), 404, "not_found");
        assertProblem(guest.action("/api/invites/not-a-uuid:accept"), 404, "not_found");
        assertFieldProblem(Api.post("/api/invites/" + invite + ":accept", guest.token(), "{\"role\":\"admin\"}"),
                "unknown_field", "role");
        UUID notAnInvite = notification(guest, "2026-01-01T00:00:00Z");
        assertProblem(guest.action("/api/invites/" + notAnInvite + ":accept"), 404, "not_found");
        Db.update("delete from notifications where id = ?", notAnInvite);
        assertEquals(before, Db.snapshot());
    }

    @Test
    void acceptingIntoAnArchivedGroupOrAsAMemberIsRefused() {
        UUID invite = Fixtures.invite(owner, group, guest);
        Fixtures.archive(group);
        String before = Db.snapshot();
        assertProblem(guest.action("/api/invites/" + invite + ":accept"), 409, "group_archived");
        assertEquals(before, Db.snapshot(), "the invite stays pending, nobody joins");
        Api.Reply declined = guest.action("/api/invites/" + invite + ":decline");
        assertEquals(200, declined.status(), () -> "an invite to an archived group can still be declined: " + declined);

        UUID other = Fixtures.groupId(owner);
        UUID second = Fixtures.invite(owner, other, guest);
        addMember(owner, other, guest, "admin");
        String member = Db.snapshot();
        assertProblem(guest.action("/api/invites/" + second + ":accept"), 409, "already_member");
        assertEquals(member, Db.snapshot());
        assertEquals("admin", roleOf(other, guest));
    }

    @Test
    void eightSimultaneousAcceptsMakeOneMembership() {
        for (int round = 0; round < 2; round++) {
            TestUser recipient = TestUser.named("Rita " + round);
            UUID invite = Fixtures.invite(owner, group, recipient);
            List<Api.Reply> replies = Fixtures.simultaneously(8, () -> recipient.action("/api/invites/" + invite + ":accept"));
            assertEquals(1, replies.stream().filter(r -> r.status() == 200).count(), replies::toString);
            replies.stream().filter(r -> r.status() != 200).forEach(r -> assertProblem(r, 409, "invite_not_pending"));
            assertEquals(1, Db.count("select count(*) from group_members where group_id = ? and user_id = ?", group, recipient.id()));
            assertEquals("accepted", Db.value("select status from notifications where id = ?", invite));
        }
    }

    // ------------------------------------------------------------------------------ inbox

    @Test
    void theInboxPagesNewestFirstWithoutGapsOrRepeats() {
        TestUser reader = TestUser.named("Rea Reader");
        for (int i = 0; i < 7; i++) {
            notification(reader, "2026-05-0" + (i + 1) + "T10:00:00.00000" + i + "Z");
        }
        // three at exactly the same instant: a page boundary falls between them
        for (int i = 0; i < 3; i++) {
            notification(reader, "2026-05-04T12:00:00.123456Z");
        }
        List<String> expected = Db.rows("select id from notifications where recipient_id = ? order by created_at desc, id desc",
                reader.id()).stream().map(r -> r.get(0).toString()).toList();

        for (int limit : new int[]{1, 2, 3, 10}) {
            List<String> seen = new ArrayList<>();
            JsonObject page = reader.get("/api/notifications?limit=" + limit).json();
            int pages = 1;
            while (true) {
                page.getJsonArray("items").forEach(n -> seen.add(n.asJsonObject().getString("id")));
                assertTrue(page.getJsonArray("items").size() <= limit);
                if (page.isNull("next_cursor")) {
                    break;
                }
                assertEquals(limit, page.getJsonArray("items").size(), "only the last page is short");
                page = reader.get("/api/notifications?limit=" + limit + cursor(page.getJsonObject("next_cursor"))).json();
                pages++;
            }
            assertEquals(expected, seen, "limit " + limit);
            assertEquals((expected.size() + limit - 1) / limit, pages, "no empty last page (limit " + limit + ")");
        }

        JsonObject first = reader.get("/api/notifications?limit=1").json().getJsonArray("items").getJsonObject(0);
        assertEquals("2026-05-07T10:00:00.000006Z", first.getString("created_at"), "microseconds as stored");
        JsonObject tie = reader.get("/api/notifications?limit=4").json().getJsonObject("next_cursor");
        assertEquals("2026-05-04T12:00:00.123456Z", tie.getString("created_at"), "the cursor sits inside the tie");
    }

    @Test
    void pagesStayStableWhenNewNotificationsArrive() {
        TestUser reader = TestUser.named("Rea Reader");
        for (int i = 1; i <= 5; i++) {
            notification(reader, "2026-04-0" + i + "T08:00:00Z");
        }
        JsonObject page1 = reader.get("/api/notifications?limit=2").json();
        notification(reader, "2026-04-30T08:00:00Z");
        notification(reader, "2026-04-03T08:00:00Z");
        JsonObject page2 = reader.get("/api/notifications?limit=2" + cursor(page1.getJsonObject("next_cursor"))).json();
        assertEquals(List.of("2026-04-03T08:00:00Z", "2026-04-03T08:00:00Z"), createdAts(page2),
                "the page continues after the cursor, whatever arrived meanwhile");
        assertEquals(List.of("2026-04-05T08:00:00Z", "2026-04-04T08:00:00Z"), createdAts(page1));
    }

    @Test
    void unreadOnlyKeepsTheUnreadAndTheDefaultLimitIsTwenty() {
        TestUser reader = TestUser.named("Rea Reader");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(notification(reader, Instant.parse("2026-02-01T00:00:00Z").plusSeconds(i).toString()));
        }
        assertEquals(20, reader.get("/api/notifications").json().getJsonArray("items").size());
        assertEquals(25, reader.get("/api/notifications?limit=100").json().getJsonArray("items").size());
        assertTrue(reader.get("/api/notifications?limit=100").json().isNull("next_cursor"));

        reader.action("/api/notifications/" + ids.get(24) + ":read");
        reader.action("/api/notifications/" + ids.get(10) + ":read");
        JsonObject unread = reader.get("/api/notifications?unread=true&limit=100").json();
        assertEquals(23, unread.getJsonArray("items").size());
        assertTrue(unread.getJsonArray("items").stream().allMatch(n -> n.asJsonObject().isNull("read_at")));
        assertEquals(25, reader.get("/api/notifications?unread=false&limit=100").json().getJsonArray("items").size());
        JsonObject unreadPage = reader.get("/api/notifications?unread=true&limit=10").json();
        JsonObject next = reader.get("/api/notifications?unread=true&limit=10" + cursor(unreadPage.getJsonObject("next_cursor"))).json();
        assertFalse(next.getJsonArray("items").stream().anyMatch(n -> n.asJsonObject().getString("id").equals(ids.get(10).toString())));
    }

    @Test
    void badQueryParametersAreRefusedByName() {
        String id = UUID.randomUUID().toString();
        assertFieldProblem(guest.get("/api/notifications?limit=0"), "validation_failed", "limit");
        assertFieldProblem(guest.get("/api/notifications?limit=101"), "validation_failed", "limit");
        assertFieldProblem(guest.get("/api/notifications?limit=ten"), "validation_failed", "limit");
        assertFieldProblem(guest.get("/api/notifications?limit="), "validation_failed", "limit");
        assertFieldProblem(guest.get("/api/notifications?unread=yes"), "validation_failed", "unread");
        assertFieldProblem(guest.get("/api/notifications?cursor_id=" + id), "validation_failed", "cursor_created_at");
        assertFieldProblem(guest.get("/api/notifications?cursor_created_at=2026-01-01T00:00:00Z"), "validation_failed", "cursor_id");
        assertFieldProblem(guest.get("/api/notifications?cursor_created_at=2026-01-01T00:00:00&cursor_id=" + id),
                "validation_failed", "cursor_created_at");
        assertFieldProblem(guest.get("/api/notifications?cursor_created_at=2026-01-01T00:00:00Z&cursor_id=x"),
                "validation_failed", "cursor_id");
        assertEquals(200, guest.get("/api/notifications?cursor_created_at=2026-01-01T00:00:00%2B02:00&cursor_id=" + id).status(),
                "any offset is accepted");
    }

    @Test
    void readingSetsReadAtOnce() {
        TestUser reader = TestUser.named("Rea Reader");
        UUID id = notification(reader, "2026-03-01T00:00:00Z");
        Api.Reply read = reader.action("/api/notifications/" + id + ":read");
        assertEquals(200, read.status(), read::toString);
        assertEquals(NOTIFICATION_FIELDS, read.json().keySet());
        assertEquals("read", read.json().getString("status"));
        String readAt = read.json().getString("read_at");
        Api.Reply again = Api.post("/api/notifications/" + id + ":read", reader.token(), "{}");
        assertEquals(200, again.status(), again::toString);
        assertEquals(readAt, again.json().getString("read_at"), "idempotent: the first read_at stays");
        assertEquals(read.json(), reader.get("/api/notifications/" + id).json());
        assertFieldProblem(Api.post("/api/notifications/" + id + ":read", reader.token(), "{\"read\":true}"),
                "unknown_field", "read");
        assertProblem(reader.action("/api/notifications/" + UUID.randomUUID() + ":read"), 404, "not_found");
        assertProblem(reader.get("/api/notifications/not-a-uuid"), 404, "not_found");
    }

    @Test
    void readingAnAnsweredInviteKeepsItsDecision() {
        UUID invite = Fixtures.invite(owner, group, guest);
        String acceptedAt = guest.action("/api/invites/" + invite + ":accept").json().getJsonObject("invite").getString("read_at");
        Api.Reply read = guest.action("/api/notifications/" + invite + ":read");
        assertEquals(200, read.status(), read::toString);
        assertEquals("accepted", read.json().getString("status"));
        assertEquals(acceptedAt, read.json().getString("read_at"));
    }

    // ------------------------------------------------------------------------------ helpers

    /** A generic notification for {@code to} created at exactly {@code createdAt}; its id. */
    static UUID notification(TestUser to, String createdAt) {
        return (UUID) Db.value("insert into notifications (recipient_id, kind, title, body, created_at) "
                + "values (?, 'generic', 'Hello', 'A test notification', ?::timestamptz) returning id", to.id(), createdAt);
    }

    private static long pendingInvites(TestUser recipient) {
        return Db.count("select count(*) from notifications where recipient_id = ? and kind = 'group_invite' "
                + "and status in ('unread', 'read')", recipient.id());
    }

    private static String cursor(JsonObject next) {
        return "&cursor_created_at=" + URLEncoder.encode(next.getString("created_at"), StandardCharsets.UTF_8)
                + "&cursor_id=" + next.getString("id");
    }

    private static List<String> createdAts(JsonObject page) {
        return page.getJsonArray("items").stream().map(JsonValue::asJsonObject).map(n -> n.getString("created_at")).toList();
    }
}
