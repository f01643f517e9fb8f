package app.lockin.it;

import app.lockin.it.Fixtures.GroupSpec;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static app.lockin.it.SessionCalls.act;
import static app.lockin.it.SessionCalls.assertRefused;
import static app.lockin.it.SessionCalls.expect;
import static app.lockin.it.SessionCalls.get;
import static app.lockin.it.SessionCalls.inGroup;
import static app.lockin.it.SessionCalls.log;
import static app.lockin.it.SessionCalls.logged;
import static app.lockin.it.SessionCalls.ok;
import static app.lockin.it.SessionCalls.personal;
import static app.lockin.it.SessionCalls.simultaneously;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §7 sessions: creation, the host's state machine, visibility, joining and leaving,
 * focused_seconds, manual logs, and "a person never focuses twice at once" (also under races).
 */
@ExtendWith(ArquillianExtension.class)
class SessionsIT {

    static final Instant T0 = Instant.parse("2026-06-10T08:00:00Z");

    final TestUser hostUser = TestUser.named("Host");
    final TestUser memberUser = TestUser.named("Member");
    final String host = hostUser.token();
    final String member = memberUser.token();
    final String outsider = Tokens.newUser();
    final UUID hostId = hostUser.id();
    final UUID memberId = memberUser.id();
    final UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 60), hostUser, memberUser);
    private boolean clockPinned;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @AfterEach
    void realTimeAgain() {
        if (clockPinned) {
            TestClock.release();
        }
    }

    void pin(Instant at) {
        clockPinned = true;
        TestClock.pin(at);
    }

    // ------------------------------------------------------------------------------ creation

    @Test
    void aPersonalSessionIsCreatedWithTheCallerAsHost() {
        Api.Reply created = expect(201, Api.post("/api/sessions", host, "{}"));
        JsonObject session = created.json();
        for (String field : List.of("id", "group_id", "creator_id", "status", "started_at", "ended_at", "created_at",
                "server_time", "focused_seconds")) {
            assertTrue(session.containsKey(field), field + " is present");
        }
        assertEquals("created", session.getString("status"));
        assertTrue(session.isNull("group_id"));
        assertTrue(session.isNull("started_at"));
        assertTrue(session.isNull("ended_at"));
        assertEquals(hostId.toString(), session.getString("creator_id"));
        assertEquals(0, session.getJsonNumber("focused_seconds").longValue());
        assertTrue(session.getString("server_time").endsWith("Z"));
        assertTrue(created.header("Location").endsWith("/api/sessions/" + session.getString("id")), created::toString);
        assertEquals(session.getString("id"), get(host, UUID.fromString(session.getString("id"))).getString("id"));

        JsonArray participants = participants(host, UUID.fromString(session.getString("id")));
        assertEquals(1, participants.size());
        JsonObject me = participants.getJsonObject(0);
        assertEquals(hostId.toString(), me.getString("user_id"));
        assertEquals("host", me.getString("role"));
        assertEquals(0, me.getJsonNumber("focused_seconds").longValue());
        assertFalse(me.getBoolean("is_focusing"));
        assertNotNull(me.getString("display_name"));
        assertNotNull(me.getString("joined_at"));
    }

    @Test
    void aBodylessOrNullGroupCreatesAPersonalSessionToo() {
        assertTrue(expect(201, Api.send("POST", "/api/sessions", host, null, null)).json().isNull("group_id"));
        assertTrue(expect(201, Api.post("/api/sessions", host, "{\"group_id\":null}")).json().isNull("group_id"));
    }

    @Test
    void aGroupSessionBelongsToTheGroup() {
        UUID session = inGroup(member, group);
        assertEquals(group.toString(), get(member, session).getString("group_id"));
        assertEquals(memberId.toString(), get(host, session).getString("creator_id"), "members see it");
    }

    @Test
    void aGroupSessionNeedsMembershipOfAnActiveGroup() {
        assertRefused(Api.post("/api/sessions", outsider, "{\"group_id\":\"" + group + "\"}"), 404, "not_found");
        assertRefused(Api.post("/api/sessions", host, "{\"group_id\":\"" + UUID.randomUUID() + "\"}"), 404, "not_found");
        UUID archived = Fixtures.groupId(GroupSpec.daily("UTC", 60), hostUser);
        Fixtures.archive(archived);
        assertRefused(Api.post("/api/sessions", host, "{\"group_id\":\"" + archived + "\"}"), 409, "group_archived");
        assertEquals(0, Db.count("select count(*) from sessions where group_id in (?, ?)", group, archived));
    }

    @Test
    void badCreationBodiesAreRefused() {
        assertRefused(Api.post("/api/sessions", host, "{\"group\":\"x\"}"), 400, "unknown_field");
        assertRefused(Api.post("/api/sessions", host, "{\"group_id\":\"not-a-uuid\"}"), 400, "validation_failed");
        assertRefused(Api.post("/api/sessions", host, "{\"group_id\":"), 400, "malformed_json");
        assertRefused(Api.send("POST", "/api/sessions", host, "group_id=x", "text/plain"), 415, "unsupported_media_type");
        assertEquals(0, Db.count("select count(*) from sessions where creator_id = ?", hostId));
    }

    @Test
    void everyEndpointNeedsAValidToken() {
        UUID session = inGroup(host, group);
        String base = "/api/sessions/" + session;
        for (String[] call : new String[][] {
                {"POST", "/api/sessions"}, {"GET", base}, {"GET", base + "/participants"},
                {"POST", base + ":start"}, {"POST", base + ":pause"}, {"POST", base + ":resume"},
                {"POST", base + ":stop"}, {"POST", base + ":join"}, {"POST", base + ":leave"},
                {"POST", base + "/logs"}, {"GET", base + "/logs/" + UUID.randomUUID()},
                {"GET", "/api/groups/" + group + "/progress/current"},
                {"POST", "/api/maintenance/archive-expired-groups"}}) {
            Api.Reply reply = Api.send(call[0], call[1], null, call[0].equals("POST") ? "{}" : null,
                    call[0].equals("POST") ? "application/json" : null);
            assertEquals(401, reply.status(), () -> call[0] + " " + call[1] + ": " + reply);
            assertEquals("unauthorized", reply.code());
            assertNotNull(reply.header("WWW-Authenticate"));
        }
        assertEquals("created", get(host, session).getString("status"));
    }

    // ------------------------------------------------------------------------------ visibility

    @Test
    void aSessionIsVisibleToItsParticipantsAndItsGroupsMembersOnly() {
        UUID mine = personal(host);
        UUID ours = inGroup(host, group);
        for (String path : List.of("", "/participants")) {
            assertRefused(Api.get("/api/sessions/" + mine + path, member), 404, "not_found");
            assertRefused(Api.get("/api/sessions/" + ours + path, outsider), 404, "not_found");
            assertEquals(200, Api.get("/api/sessions/" + ours + path, member).status());
        }
        assertRefused(Api.get("/api/sessions/" + UUID.randomUUID(), host), 404, "not_found");
        assertRefused(Api.get("/api/sessions/not-a-uuid", host), 404, "not_found");
        assertRefused(act(host, UUID.randomUUID(), "start"), 404, "not_found");
    }

    @Test
    void aFormerMemberWhoTookPartStillSeesTheSessionButCannotJoinAgain() {
        UUID session = inGroup(host, group);
        ok(member, session, "join");
        ok(member, session, "leave");
        Fixtures.removeMember(hostUser, group, memberUser);
        assertEquals(200, Api.get("/api/sessions/" + session, member).status());
        assertRefused(act(member, session, "join"), 403, "forbidden");
    }

    // ------------------------------------------------------------------------------ state machine

    @Test
    void everyLegalTransition() {
        UUID session = inGroup(host, group);
        ok(member, session, "join");

        JsonObject running = ok(host, session, "start");
        assertEquals("running", running.getString("status"));
        assertNotNull(running.getString("started_at"));
        assertEquals(2, openLogs(session), "a log for every joined participant");
        List<List<Object>> opened = Db.rows("select distinct started_at from time_logs where session_id = ?", session);
        assertEquals(1, opened.size(), "opened at one instant");
        assertEquals(Instant.parse(running.getString("started_at")), opened.get(0).get(0));

        JsonObject paused = ok(host, session, "pause");
        assertEquals("paused", paused.getString("status"));
        assertEquals(0, openLogs(session));
        assertEquals(1, Db.count("select count(distinct ended_at) from time_logs where session_id = ?", session),
                "closed at one instant");

        assertEquals("running", ok(host, session, "resume").getString("status"));
        assertEquals(2, openLogs(session));

        JsonObject stopped = ok(host, session, "stop");
        assertEquals("stopped", stopped.getString("status"));
        assertNotNull(stopped.getString("ended_at"));
        assertEquals(0, openLogs(session));
        assertEquals(4, Db.count("select count(*) from time_logs where session_id = ?", session));
        assertEquals(Instant.parse(stopped.getString("ended_at")),
                Db.rows("select max(ended_at) from time_logs where session_id = ?", session).get(0).get(0));
    }

    @Test
    void aCreatedSessionCanBeStoppedWithoutEverRunning() {
        UUID session = personal(host);
        JsonObject stopped = ok(host, session, "stop");
        assertEquals("stopped", stopped.getString("status"));
        assertTrue(stopped.isNull("started_at"));
        assertNotNull(stopped.getString("ended_at"));
        assertEquals(0, stopped.getJsonNumber("focused_seconds").longValue());
    }

    @Test
    void everyIllegalTransitionIsRefusedNamingTheCurrentStatus() {
        Map<String, List<String>> illegal = Map.of(
                "created", List.of("pause", "resume"),
                "running", List.of("start", "resume"),
                "paused", List.of("start", "pause"),
                "stopped", List.of("start", "pause", "resume", "stop"));
        illegal.forEach((status, actions) -> {
            UUID session = sessionIn(status);
            for (String action : actions) {
                Api.Reply refused = act(host, session, action);
                assertRefused(refused, 409, "invalid_transition");
                assertTrue(refused.json().getString("detail").contains(status),
                        () -> action + " on " + status + " names the status: " + refused);
                assertEquals(status, get(host, session).getString("status"), "nothing changed");
            }
            act(host, session, "stop"); // the host focuses in one session at a time
        });
    }

    @Test
    void onlyTheHostDrivesTheStateMachine() {
        UUID session = inGroup(host, group);
        TestUser bystander = TestUser.named("Bystander");
        Fixtures.addMember(hostUser, group, bystander, "member");
        ok(member, session, "join");
        for (String action : List.of("start", "pause", "resume", "stop")) {
            assertRefused(act(member, session, action), 403, "forbidden");
            assertRefused(act(bystander.token(), session, action), 403, "forbidden");
            assertRefused(act(outsider, session, action), 404, "not_found");
        }
        assertEquals("created", get(host, session).getString("status"));
        assertEquals(0, Db.count("select count(*) from time_logs where session_id = ?", session));
    }

    @Test
    void actionsTakeNoBodyOrAnEmptyObject() {
        UUID session = personal(host);
        assertRefused(Api.post("/api/sessions/" + session + ":start", host, "{\"at\":\"2026-01-01T00:00:00Z\"}"),
                400, "unknown_field");
        assertRefused(Api.post("/api/sessions/" + session + ":start", host, "[]"), 400, "malformed_json");
        assertRefused(Api.send("POST", "/api/sessions/" + session + ":start", host, "go", "text/plain"),
                415, "unsupported_media_type");
        assertEquals("created", get(host, session).getString("status"));
        assertEquals("running", expect(200, Api.post("/api/sessions/" + session + ":start", host, "{}"))
                .json().getString("status"));
    }

    // ------------------------------------------------------------------------------ focused time

    @Test
    void focusedSecondsCountWhileRunningAndStandStillWhilePaused() {
        pin(T0); // before anything is created: the clock never runs backwards under a session
        UUID session = inGroup(host, group);
        ok(member, session, "join");
        ok(host, session, "start");
        pin(T0.plusSeconds(90));
        JsonObject running = get(member, session);
        assertEquals(90, running.getJsonNumber("focused_seconds").longValue());
        assertEquals(T0.plusSeconds(90), Instant.parse(running.getString("server_time")));
        JsonObject memberRow = row(participants(host, session), memberId);
        assertEquals(90, memberRow.getJsonNumber("focused_seconds").longValue());
        assertTrue(memberRow.getBoolean("is_focusing"));

        ok(member, session, "leave");
        assertEquals(90, ok(host, session, "pause").getJsonNumber("focused_seconds").longValue());
        pin(T0.plusSeconds(400));
        JsonObject paused = get(host, session);
        assertEquals(90, paused.getJsonNumber("focused_seconds").longValue(), "paused: stands still");
        JsonArray whilePaused = participants(host, session);
        assertFalse(row(whilePaused, hostId).getBoolean("is_focusing"));
        assertEquals(90, row(whilePaused, hostId).getJsonNumber("focused_seconds").longValue());

        ok(host, session, "resume");
        pin(T0.plusSeconds(430));
        assertEquals(120, get(host, session).getJsonNumber("focused_seconds").longValue());
        JsonArray resumed = participants(host, session);
        assertEquals(120, row(resumed, hostId).getJsonNumber("focused_seconds").longValue());
        assertEquals(90, row(resumed, memberId).getJsonNumber("focused_seconds").longValue(), "left: no new log");
        assertFalse(row(resumed, memberId).getBoolean("is_focusing"));
        assertNotNull(row(resumed, memberId).getString("left_at"));

        ok(host, session, "stop");
        pin(T0.plusSeconds(1000));
        assertEquals(120, get(host, session).getJsonNumber("focused_seconds").longValue());
    }

    // ------------------------------------------------------------------------------ join and leave

    @Test
    void joiningARunningSessionOpensALogAtOnceAndLeavingClosesIt() {
        UUID session = inGroup(host, group);
        ok(host, session, "start");
        ok(member, session, "join");
        assertEquals(1, openLogsOf(memberId));
        ok(member, session, "join");
        assertEquals(1, openLogsOf(memberId), "joining again changes nothing");
        assertEquals(2, participants(host, session).size());

        ok(member, session, "leave");
        assertEquals(0, openLogsOf(memberId));
        assertEquals(1, openLogsOf(hostId), "the session runs on for the others");
        ok(member, session, "leave");
        assertEquals(1, Db.count("select count(*) from time_logs where user_id = ?", memberId), "leaving again: no-op");

        ok(member, session, "join");
        assertEquals(1, openLogsOf(memberId), "rejoining opens a new log");
        assertEquals(2, participants(host, session).size(), "the same participation");
        assertTrue(row(participants(host, session), memberId).isNull("left_at"));
    }

    @Test
    void joiningAPausedSessionOpensNoLogUntilItResumes() {
        UUID session = inGroup(host, group);
        ok(host, session, "start");
        ok(host, session, "pause");
        ok(member, session, "join");
        assertEquals(0, openLogsOf(memberId));
        ok(host, session, "resume");
        assertEquals(1, openLogsOf(memberId));
    }

    @Test
    void joinAndLeaveAreForGroupMembersOnGroupSessions() {
        UUID session = inGroup(host, group);
        assertRefused(act(outsider, session, "join"), 404, "not_found");
        assertRefused(act(outsider, session, "leave"), 404, "not_found");
        UUID mine = personal(host);
        assertRefused(act(host, mine, "join"), 409, "conflict");
        assertRefused(act(host, mine, "leave"), 409, "conflict");
        assertRefused(act(member, mine, "join"), 404, "not_found");
        ok(host, session, "stop");
        Api.Reply stopped = act(member, session, "join");
        assertRefused(stopped, 409, "invalid_transition");
        assertTrue(stopped.json().getString("detail").contains("stopped"), stopped::toString);
        assertEquals(1, participants(host, session).size());
    }

    @Test
    void nothingJoinsASessionOfAnArchivedGroup() {
        UUID session = inGroup(host, group);
        Fixtures.archive(group);
        assertRefused(act(member, session, "join"), 409, "group_archived");
        assertRefused(act(host, session, "start"), 409, "group_archived");
        assertEquals("stopped", ok(host, session, "stop").getString("status"), "a session can always be stopped");
    }

    // ------------------------------------------------------------------------------ one focus at a time

    @Test
    void startingWhileFocusingElsewhereIsRefusedNamingTheOtherSession() {
        UUID elsewhere = personal(host);
        ok(host, elsewhere, "start");
        UUID session = inGroup(host, group);
        Api.Reply refused = act(host, session, "start");
        assertRefused(refused, 409, "already_focusing");
        assertTrue(refused.json().getString("detail").contains(elsewhere.toString()), refused::toString);
        assertEquals("created", get(host, session).getString("status"));
        assertEquals(0, Db.count("select count(*) from time_logs where session_id = ?", session));
    }

    @Test
    void aParticipantFocusingElsewhereBlocksStartAndResume() {
        UUID session = inGroup(host, group);
        ok(member, session, "join");
        UUID elsewhere = personal(member);
        ok(member, elsewhere, "start");
        Api.Reply refused = act(host, session, "start");
        assertRefused(refused, 409, "already_focusing");
        assertTrue(refused.json().getString("detail").contains(elsewhere.toString()), refused::toString);

        ok(member, elsewhere, "stop");
        ok(host, session, "start");
        ok(host, session, "pause");
        UUID again = personal(member);
        ok(member, again, "start");
        Api.Reply resume = act(host, session, "resume");
        assertRefused(resume, 409, "already_focusing");
        assertTrue(resume.json().getString("detail").contains(again.toString()), resume::toString);
        assertEquals("paused", get(host, session).getString("status"));
    }

    @Test
    void joiningARunningSessionWhileFocusingElsewhereIsRefused() {
        UUID session = inGroup(host, group);
        ok(host, session, "start");
        UUID elsewhere = personal(member);
        ok(member, elsewhere, "start");
        Api.Reply refused = act(member, session, "join");
        assertRefused(refused, 409, "already_focusing");
        assertTrue(refused.json().getString("detail").contains(elsewhere.toString()), refused::toString);
        assertEquals(1, participants(host, session).size(), "not joined");
    }

    /** The database is the guarantee: two starts racing past the service's check, one wins. */
    @Test
    void twoSimultaneousStartsByOneUserInTwoSessionsLetOneSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            TestUser racer = TestUser.named("Racer");
            UUID racerId = racer.id();
            UUID first = personal(racer.token());
            UUID second = personal(racer.token());
            List<Api.Reply> replies = simultaneously(() -> act(racer.token(), first, "start"),
                    () -> act(racer.token(), second, "start"));
            long won = replies.stream().filter(r -> r.status() == 200).count();
            assertEquals(1, won, replies::toString);
            Api.Reply lost = replies.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
            assertRefused(lost, 409, "already_focusing");
            assertEquals(1, openLogsOf(racerId));
            assertEquals(1, Db.count("select count(*) from sessions where creator_id = ? and status = 'running'", racerId));
        }
    }

    /**
     * The refusal when only the database notices: a concurrent transaction opens a log for the
     * user but has not committed when the service checks; the service's insert then waits on the
     * unique index, and fails once the other commits. The answer still names the other session.
     */
    @Test
    void whenOnlyTheDatabaseNoticesTheAnswerStillNamesTheOtherSession() throws Exception {
        UUID other = personal(host);
        ok(host, other, "start");
        ok(host, other, "pause");
        UUID participation = (UUID) Db.rows("select id from session_participants where session_id = ?", other).get(0).get(0);
        UUID session = personal(host);
        try (Connection concurrent = TestEnvironment.database().connect()) {
            concurrent.setAutoCommit(false);
            try (PreparedStatement open = Db.prepare(concurrent,
                    "insert into time_logs (participant_id, started_at) values (?, now())", participation)) {
                open.executeUpdate();
            }
            CompletableFuture<Api.Reply> start = CompletableFuture.supplyAsync(() -> act(host, session, "start"));
            awaitAnInsertWaitingOnALock();
            assertFalse(start.isDone(), "the start waits on the uncommitted log");
            concurrent.commit();
            Api.Reply refused = start.get(30, TimeUnit.SECONDS);
            assertRefused(refused, 409, "already_focusing");
            assertTrue(refused.json().getString("detail").contains(other.toString()), refused::toString);
        }
        assertEquals("created", get(host, session).getString("status"));
        assertEquals(1, openLogsOf(hostId));
    }

    // ------------------------------------------------------------------------------ manual logs

    @Test
    void aManualLogIsCreatedInsideTheSession() {
        pin(T0);
        UUID session = inGroup(host, group);
        ok(member, session, "join");
        ok(host, session, "start");
        ok(host, session, "pause");
        pin(T0.plusSeconds(3600));
        Api.Reply created = expect(201, log(member, session, T0.plusSeconds(60), T0.plusSeconds(660)));
        JsonObject log = created.json();
        assertEquals(session.toString(), log.getString("session_id"));
        assertEquals(memberId.toString(), log.getString("user_id"));
        assertEquals(T0.plusSeconds(60), Instant.parse(log.getString("started_at")));
        assertEquals(T0.plusSeconds(660), Instant.parse(log.getString("ended_at")));
        String location = created.header("Location");
        assertTrue(location.endsWith("/api/sessions/" + session + "/logs/" + log.getString("id")), location);
        assertEquals(log, expect(200, Api.get(location.substring(location.indexOf("/api/")), host)).json());
        assertEquals(600, row(participants(host, session), memberId).getJsonNumber("focused_seconds").longValue());
        assertEquals(0, get(host, session).getJsonNumber("focused_seconds").longValue(),
                "a manual log is the participant's time, not the session's running time");
        // any offset is accepted; the answer is UTC
        Api.Reply offset = expect(201, Api.post("/api/sessions/" + session + "/logs", member,
                "{\"started_at\":\"2026-06-10T10:20:00+02:00\",\"ended_at\":\"2026-06-10T10:30:00+02:00\"}"));
        assertEquals("2026-06-10T08:20:00Z", offset.json().getString("started_at"));
    }

    @Test
    void manualLogsFollowTheWindowOverlapAndTimeRules() {
        pin(T0);
        UUID session = inGroup(host, group);
        ok(member, session, "join");
        UUID neverStarted = inGroup(member, group);
        ok(host, session, "start");
        ok(host, session, "pause");
        pin(T0.plusSeconds(3600));
        logged(member, session, T0.plusSeconds(600), T0.plusSeconds(1200));
        long before = Db.count("select count(*) from time_logs where user_id = ?", memberId);

        assertRefused(log(member, session, T0.minusSeconds(60), T0.plusSeconds(60)), 400, "log_outside_session");
        assertRefused(log(member, neverStarted, T0.plusSeconds(60), T0.plusSeconds(120)), 400, "log_outside_session");
        assertRefused(log(member, session, T0.plusSeconds(900), T0.plusSeconds(1500)), 409, "log_overlap");
        assertRefused(log(member, session, T0.plusSeconds(1800), T0.plusSeconds(3700)), 400, "validation_failed");
        assertFieldNamed(log(member, session, T0.plusSeconds(1800), T0.plusSeconds(3700)), "ended_at");
        assertFieldNamed(log(member, session, T0.plusSeconds(1800), T0.plusSeconds(1800)), "ended_at");
        assertFieldNamed(log(member, session, T0.plusSeconds(1800), T0.plusSeconds(1700)), "ended_at");
        Api.Reply missing = Api.post("/api/sessions/" + session + "/logs", member, "{}");
        assertRefused(missing, 400, "validation_failed");
        assertFieldNamed(missing, "started_at");
        assertFieldNamed(missing, "ended_at");
        assertRefused(Api.post("/api/sessions/" + session + "/logs", member,
                "{\"started_at\":\"" + T0 + "\",\"ended_at\":\"" + T0.plusSeconds(5) + "\",\"minutes\":5}"),
                400, "unknown_field");
        assertRefused(Api.post("/api/sessions/" + session + "/logs", member,
                "{\"started_at\":\"yesterday\",\"ended_at\":\"" + T0.plusSeconds(5) + "\"}"), 400, "validation_failed");
        assertEquals(before, Db.count("select count(*) from time_logs where user_id = ?", memberId),
                "refused logs change nothing");
    }

    @Test
    void aPersonNeverHasTwoLogsAtOnceAcrossSessions() {
        pin(T0);
        UUID session = inGroup(host, group);
        UUID elsewhere = personal(host);
        ok(host, session, "start");
        ok(host, session, "pause");
        ok(host, elsewhere, "start");
        ok(host, elsewhere, "pause");
        pin(T0.plusSeconds(3600));
        logged(host, session, T0.plusSeconds(60), T0.plusSeconds(600));
        assertRefused(log(host, elsewhere, T0.plusSeconds(300), T0.plusSeconds(900)), 409, "log_overlap");
        logged(host, elsewhere, T0.plusSeconds(600), T0.plusSeconds(900)); // touching is not overlapping
    }

    @Test
    void onlyParticipantsLogTimeInASession() {
        pin(T0);
        UUID session = inGroup(host, group);
        ok(host, session, "start");
        ok(host, session, "pause");
        pin(T0.plusSeconds(3600));
        assertRefused(log(member, session, T0.plusSeconds(60), T0.plusSeconds(120)), 403, "forbidden");
        assertRefused(log(outsider, session, T0.plusSeconds(60), T0.plusSeconds(120)), 404, "not_found");
        assertEquals(0, Db.count("select count(*) from time_logs where session_id = ?", session));
    }

    // ------------------------------------------------------------------------------ helpers

    /** Until the server's insert of a log waits on a lock: it has passed the service's own check. */
    private static void awaitAnInsertWaitingOnALock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Db.count("select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock' and query like 'insert into time_logs%'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the start never reached the database");
            }
            Thread.sleep(50);
        }
    }

    /** A session of the group hosted by {@code host}, brought to {@code status}. */
    private UUID sessionIn(String status) {
        UUID session = inGroup(host, group);
        switch (status) {
            case "created" -> { }
            case "running" -> ok(host, session, "start");
            case "paused" -> {
                ok(host, session, "start");
                ok(host, session, "pause");
            }
            case "stopped" -> ok(host, session, "stop");
            default -> throw new IllegalArgumentException(status);
        }
        return session;
    }

    private static JsonArray participants(String token, UUID session) {
        return expect(200, Api.get("/api/sessions/" + session + "/participants", token)).array();
    }

    private static JsonObject row(JsonArray rows, UUID user) {
        return rows.stream().map(v -> v.asJsonObject()).filter(r -> r.getString("user_id").equals(user.toString()))
                .findFirst().orElseThrow(() -> new AssertionError(user + " not in " + rows));
    }

    private static long openLogs(UUID session) {
        return Db.count("select count(*) from time_logs where session_id = ? and ended_at is null", session);
    }

    private static long openLogsOf(UUID user) {
        return Db.count("select count(*) from time_logs where user_id = ? and ended_at is null", user);
    }

    private static void assertFieldNamed(Api.Reply reply, String field) {
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.json().getJsonArray("errors").stream()
                .anyMatch(e -> e.asJsonObject().getString("field").equals(field)), () -> field + " is named: " + reply);
    }
}
