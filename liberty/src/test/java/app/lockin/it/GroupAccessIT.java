package app.lockin.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static app.lockin.it.Fixtures.addMember;
import static app.lockin.it.Fixtures.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The BOLA matrix of SPEC §1, §5, §6, §8: another user tries every read and write on someone
 * else's group, members, invites and notifications by id; a non-member is told nothing exists
 * (404), a member without the role is refused (403), and nothing changes in the database.
 */
@ExtendWith(ArquillianExtension.class)
class GroupAccessIT {

    TestUser owner;
    TestUser admin;
    TestUser member;
    TestUser invitee;
    TestUser stranger;
    TestUser bystander;
    UUID group;
    UUID invite;
    UUID ownersNotification;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @BeforeEach
    void aGroupWithEveryRole() {
        owner = TestUser.named("Olivia Owner");
        admin = TestUser.named("Ada Admin");
        member = TestUser.named("Max Member");
        invitee = TestUser.named("Gus Guest");
        stranger = TestUser.named("Mallory");
        bystander = TestUser.named("Someone else");
        group = Fixtures.groupId(owner);
        addMember(owner, group, admin, "admin");
        addMember(owner, group, member, "member");
        invite = Fixtures.invite(owner, group, invitee);
        ownersNotification = NotificationsIT.notification(owner, "2026-01-01T00:00:00Z");
    }

    /** One attempt on someone else's data. */
    record Attempt(String what, Function<TestUser, Api.Reply> call) {
    }

    private List<Attempt> groupAttempts() {
        String g = "/api/groups/" + group;
        String m = g + "/members/";
        return List.of(
                new Attempt("read the group", u -> u.get(g)),
                new Attempt("list the members", u -> u.get(g + "/members")),
                new Attempt("read a member", u -> u.get(m + member.id())),
                new Attempt("clone the group", u -> u.action(g + ":clone")),
                new Attempt("invite someone", u -> u.post(g + ":invite", "{\"recipient_id\":\"" + bystander.id() + "\"}")),
                new Attempt("invite oneself", u -> u.post(g + ":invite", "{\"recipient_id\":\"" + u.id() + "\"}")),
                new Attempt("add oneself", u -> u.post(g + "/members", "{\"user_id\":\"" + u.id() + "\"}")),
                new Attempt("add oneself as admin", u -> u.post(g + "/members", "{\"user_id\":\"" + u.id() + "\",\"role\":\"admin\"}")),
                new Attempt("promote a member", u -> u.patch(m + member.id(), "{\"role\":\"admin\"}")),
                new Attempt("change a target", u -> u.patch(m + member.id(), "{\"override_period_target_minutes\":5}")),
                new Attempt("change the owner's target", u -> u.patch(m + owner.id(), "{\"override_period_target_minutes\":5}")),
                new Attempt("change one's own role", u -> u.patch(m + u.id(), "{\"role\":\"admin\"}")),
                new Attempt("remove a member", u -> u.delete(m + member.id())),
                new Attempt("remove the admin", u -> u.delete(m + admin.id())),
                new Attempt("remove the owner", u -> u.delete(m + owner.id())),
                new Attempt("leave", u -> u.delete(m + u.id())));
    }

    private List<Attempt> notificationAttempts() {
        return List.of(
                new Attempt("read someone's invite", u -> u.get("/api/notifications/" + invite)),
                new Attempt("read someone's notification", u -> u.get("/api/notifications/" + ownersNotification)),
                new Attempt("mark someone's invite read", u -> u.action("/api/notifications/" + invite + ":read")),
                new Attempt("mark someone's notification read", u -> u.action("/api/notifications/" + ownersNotification + ":read")),
                new Attempt("accept someone's invite", u -> u.action("/api/invites/" + invite + ":accept")),
                new Attempt("decline someone's invite", u -> u.action("/api/invites/" + invite + ":decline")),
                new Attempt("accept a notification as an invite", u -> u.action("/api/invites/" + ownersNotification + ":accept")));
    }

    @Test
    void aStrangerFindsNothingAndChangesNothing() {
        assertAllRefused(stranger, groupAttempts(), 404, "not_found");
        assertAllRefused(stranger, notificationAttempts(), 404, "not_found");
        assertFalse(stranger.get("/api/groups").body().contains(group.toString()));
        assertFalse(stranger.get("/api/groups?status=archived").body().contains(group.toString()));
        assertFalse(stranger.get("/api/notifications?limit=100").body().contains(invite.toString()));
    }

    @Test
    void aPendingInviteeIsNotYetAMember() {
        List<Attempt> groupAttempts = groupAttempts();
        assertAllRefused(invitee, groupAttempts, 404, "not_found");
    }

    @Test
    void theRefusalOfAnInvisibleGroupIsThatOfAGroupThatDoesNotExist() {
        Api.Reply invisible = stranger.get("/api/groups/" + group);
        Api.Reply missing = stranger.get("/api/groups/" + UUID.randomUUID());
        assertEquals(missing.body(), invisible.body());
        Api.Reply someonesInvite = stranger.action("/api/invites/" + invite + ":accept");
        Api.Reply noInvite = stranger.action("/api/invites/" + UUID.randomUUID() + ":accept");
        assertEquals(noInvite.body(), someonesInvite.body());
    }

    @Test
    void aPlainMemberReadsButCannotManage() {
        assertEquals(200, member.get("/api/groups/" + group).status());
        assertEquals(200, member.get("/api/groups/" + group + "/members").status());
        assertEquals(200, member.get("/api/groups/" + group + "/members/" + owner.id()).status());
        String g = "/api/groups/" + group;
        String m = g + "/members/";
        assertAllRefused(member, List.of(
                new Attempt("clone", u -> u.action(g + ":clone")),
                new Attempt("invite", u -> u.post(g + ":invite", "{\"recipient_id\":\"" + stranger.id() + "\"}")),
                new Attempt("add", u -> u.post(g + "/members", "{\"user_id\":\"" + stranger.id() + "\"}")),
                new Attempt("promote oneself", u -> u.patch(m + u.id(), "{\"role\":\"admin\"}")),
                new Attempt("change one's own target", u -> u.patch(m + u.id(), "{\"override_period_target_minutes\":1}")),
                new Attempt("change the owner's target", u -> u.patch(m + owner.id(), "{\"override_period_target_minutes\":1}")),
                new Attempt("remove the admin", u -> u.delete(m + admin.id())),
                new Attempt("remove the owner", u -> u.delete(m + owner.id()))), 403, "forbidden");
        assertAllRefused(member, notificationAttempts(), 404, "not_found");
    }

    @Test
    void anAdminCannotActAsTheOwner() {
        String g = "/api/groups/" + group;
        String m = g + "/members/";
        assertAllRefused(admin, List.of(
                new Attempt("add an admin", u -> u.post(g + "/members", "{\"user_id\":\"" + stranger.id() + "\",\"role\":\"admin\"}")),
                new Attempt("promote a member", u -> u.patch(m + member.id(), "{\"role\":\"admin\"}")),
                new Attempt("demote oneself", u -> u.patch(m + u.id(), "{\"role\":\"member\"}")),
                new Attempt("change the owner's role", u -> u.patch(m + owner.id(), "{\"role\":\"member\"}")),
                new Attempt("remove the owner", u -> u.delete(m + owner.id()))), 403, "forbidden");
        assertAllRefused(admin, notificationAttempts(), 404, "not_found");
    }

    private static void assertAllRefused(TestUser caller, List<Attempt> attempts, int status, String code) {
        String before = Db.snapshot();
        for (Attempt attempt : attempts) {
            Api.Reply reply = attempt.call().apply(caller);
            try {
                assertProblem(reply, status, code);
            } catch (AssertionError e) {
                throw new AssertionError(caller.displayName() + " trying to " + attempt.what() + ": " + e.getMessage(), e);
            }
            assertEquals(before, Db.snapshot(), () -> caller.displayName() + " trying to " + attempt.what() + " changed the database");
        }
    }
}
