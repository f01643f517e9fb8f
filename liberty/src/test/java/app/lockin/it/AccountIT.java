package app.lockin.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static app.lockin.it.SessionCalls.get;
import static app.lockin.it.SessionCalls.inGroup;
import static app.lockin.it.SessionCalls.logged;
import static app.lockin.it.SessionCalls.ok;
import static app.lockin.it.SessionCalls.personal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §14 through the API: the export, and the deletion with its heirs, its S3 avatar, its live
 * streams and its token afterwards. The rows of everyone else are compared before and after in
 * SQL: only what §14 names may change.
 */
@ExtendWith(ArquillianExtension.class)
class AccountIT {

    private static final Duration SOON = Duration.ofSeconds(5);
    private static final List<String> TABLES = List.of("profiles", "auth_identities", "groups", "group_members",
            "sessions", "session_participants", "time_logs", "notifications");

    private final List<EventStream> streams = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(EventStream::close);
    }

    @Test
    void theExportHoldsEverythingAboutTheCallerAndNothingAboutOthers() {
        TestUser ann = TestUser.named("Ann Exporter");
        TestUser bob = TestUser.named("Bob Secretname");
        UUID group = Fixtures.groupId(ann);
        Fixtures.addMember(ann, group, bob, "member");
        Fixtures.overrideTarget(ann, group, ann, 90);
        UUID bobsGroup = Fixtures.groupId(bob);
        UUID invite = Fixtures.invite(bob, bobsGroup, ann);
        Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        UUID session;
        UUID mine;
        try {
            TestClock.pin(t0);
            session = inGroup(ann.token(), group);
            ok(bob.token(), session, "join");
            ok(ann.token(), session, "start");
            TestClock.pin(t0.plusSeconds(600));
            ok(ann.token(), session, "pause");
            TestClock.pin(t0.plusSeconds(3600));
            logged(ann.token(), session, t0.plusSeconds(1200), t0.plusSeconds(1800));
            mine = personal(ann.token());
        } finally {
            TestClock.release();
        }

        Api.Reply reply = ann.get("/api/me/export");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("attachment; filename=\"lockin-export-" + ann.id() + ".json\"", reply.header("Content-Disposition"));
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
        JsonObject export = reply.json();
        assertNotNull(Instant.parse(export.getString("exported_at")));
        JsonObject profile = export.getJsonObject("profile");
        assertEquals(ann.id().toString(), profile.getString("id"));
        assertEquals("Ann Exporter", profile.getString("display_name"));
        assertFalse(profile.containsKey("memberships"));
        JsonArray identities = export.getJsonArray("identities");
        assertEquals(1, identities.size());
        assertEquals(TestEnvironment.ISSUER, identities.getJsonObject(0).getString("provider"));

        JsonArray memberships = export.getJsonArray("memberships");
        assertEquals(1, memberships.size(), "ann is in her group only (bob's is an invite)");
        assertEquals(group.toString(), memberships.getJsonObject(0).getString("group_id"));
        assertEquals("owner", memberships.getJsonObject(0).getString("role"));
        assertEquals(90, memberships.getJsonObject(0).getInt("override_period_target_minutes"));

        JsonArray sessions = export.getJsonArray("sessions");
        assertEquals(List.of(session.toString(), mine.toString()),
                sessions.stream().map(s -> s.asJsonObject().getJsonObject("session").getString("id")).toList());
        JsonObject first = sessions.getJsonObject(0);
        assertEquals("host", first.getJsonObject("participation").getString("role"));
        assertEquals(JsonValue.NULL, first.getJsonObject("participation").get("left_at"));
        JsonArray logs = first.getJsonArray("logs");
        assertEquals(2, logs.size(), "ann's own logs, not bob's: " + logs);
        assertEquals(List.of(t0.toString(), t0.plusSeconds(600).toString()),
                List.of(logs.getJsonObject(0).getString("started_at"), logs.getJsonObject(0).getString("ended_at")));
        assertEquals(t0.plusSeconds(1200).toString(), logs.getJsonObject(1).getString("started_at"));
        assertEquals(600, first.getJsonObject("session").getJsonNumber("focused_seconds").longValue());
        assertEquals(0, sessions.getJsonObject(1).getJsonArray("logs").size());

        JsonArray notifications = export.getJsonArray("notifications");
        assertTrue(notifications.stream().anyMatch(n -> n.asJsonObject().getString("id").equals(invite.toString())));
        assertFalse(reply.body().contains(bob.token()));
        assertFalse(reply.body().contains("\"display_name\":\"Bob Secretname\""),
                "bob's name appears only inside the text of ann's own invite");
        assertTrue(reply.body().contains("Bob Secretname invited you"));
        assertFalse(reply.body().contains(bob.id() + "\",\"display_name"), "nothing of bob's profile");
    }

    @Test
    void deletingAnAccountChangesOnlyWhatSpec14NamesAndTheTokenStartsAfresh() throws Exception {
        TestUser ann = TestUser.named("Ann Leaving");
        TestUser bob = TestUser.named("Bob Admin");
        TestUser cal = TestUser.named("Cal Member");
        // ann owns a group with an admin (heir) and a member who joined first
        UUID owned = Fixtures.groupId(ann);
        Fixtures.addMember(ann, owned, cal, "member");
        Fixtures.addMember(ann, owned, bob, "admin");
        // a group of cal's where ann hosts a running session bob joined, and an invite ann sent
        UUID calsGroup = Fixtures.groupId(cal);
        Fixtures.addMember(cal, calsGroup, ann, "admin");
        Fixtures.addMember(cal, calsGroup, bob, "member");
        UUID hosted = inGroup(ann.token(), calsGroup);
        ok(bob.token(), hosted, "join");
        ok(ann.token(), hosted, "start");
        TestUser dan = TestUser.named("Dan Invited");
        UUID annsInvite = Fixtures.invite(ann, calsGroup, dan);
        UUID alone = Fixtures.groupId(ann);
        UUID personalSession = personal(ann.token());
        String avatarKey = uploadAvatar(ann);

        EventStream groupStream = open("/api/groups/" + calsGroup + "/events", ann.token());
        EventStream inboxStream = open("/api/me/events", ann.token());
        EventStream calsStream = open("/api/groups/" + calsGroup + "/events", cal.token());
        assertEquals("progress", groupStream.next(SOON).name());
        assertEquals("inbox", inboxStream.next(SOON).name());
        assertEquals("progress", calsStream.next(SOON).name());

        Map<String, Map<String, Map<String, String>>> before = snapshot();
        Api.Reply deleted = ann.delete("/api/me");
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals("", deleted.body());
        Map<String, Map<String, Map<String, String>>> after = snapshot();

        // every row that changed, classified: ann's own, the group left alone, or a change §14 names
        Set<String> unexpected = new TreeSet<>();
        for (String change : diff(before, after)) {
            boolean named = change.endsWith(" removed") && belongsTo(before, change, ann.id(), alone, personalSession)
                    || change.equals("groups " + owned + " owner_id: " + ann.id() + " -> " + bob.id())
                    || change.equals("groups " + owned + " updated_at: changed")
                    || change.equals("group_members " + memberRow(before, owned, bob) + " role: admin -> owner")
                    || change.equals("sessions " + hosted + " creator_id: " + ann.id() + " -> null")
                    || change.equals("session_participants " + participantRow(before, hosted, bob) + " role: participant -> host")
                    || change.equals("notifications " + annsInvite + " actor_id: " + ann.id() + " -> null");
            if (!named) {
                unexpected.add(change);
            }
        }
        assertEquals(Set.of(), unexpected, "nobody else's data changes");
        assertEquals(0, Db.count("select count(*) from profiles where id = ?", ann.id()));
        assertEquals(0, Db.count("select count(*) from groups where id = ?", alone));

        // through the API: heirs, the session going on, ann gone from the race
        assertEquals(bob.id().toString(), bob.get("/api/groups/" + owned).json().getString("owner_id"));
        assertEquals("owner", bob.get("/api/groups/" + owned).json().getString("my_role"));
        JsonObject session = get(bob.token(), hosted);
        assertEquals("running", session.getString("status"));
        assertEquals(JsonValue.NULL, session.get("creator_id"));
        assertEquals(200, SessionCalls.act(bob.token(), hosted, "pause").status(), "bob is the host now");
        assertTrue(cal.get("/api/groups/" + calsGroup + "/progress/current").array().stream()
                .noneMatch(r -> r.asJsonObject().getString("user_id").equals(ann.id().toString())));
        assertEquals(JsonValue.NULL, dan.get("/api/notifications/" + annsInvite).json().get("actor_id"),
                "the invite keeps its text without its actor");

        // the avatar object is gone from S3
        assertNull(TestEnvironment.s3().read(avatarKey));

        // the live streams: ann's end, cal's race follows
        assertEquals("left", groupStream.next("revoked", SOON).json().asJsonObject().getString("reason"));
        assertTrue(groupStream.endsWithin(SOON));
        assertEquals("account_deleted", inboxStream.next("revoked", SOON).json().asJsonObject().getString("reason"));
        assertTrue(inboxStream.endsWithin(SOON));
        EventStream.Event progress = calsStream.next("progress", SOON);
        assertTrue(progress.json().asJsonArray().stream()
                .noneMatch(r -> r.asJsonObject().getString("user_id").equals(ann.id().toString())));

        // the same token: a brand-new empty profile, and deleting again answers 204
        JsonObject fresh = ann.get("/api/me").json();
        assertNotEquals(ann.id().toString(), fresh.getString("id"));
        assertEquals(0, fresh.getJsonArray("memberships").size());
        assertEquals(204, ann.delete("/api/me").status());
        assertEquals(0, Db.count("select count(*) from profiles where id = ?::uuid", fresh.getString("id")));
        assertEquals(204, ann.delete("/api/me").status());
    }

    /**
     * Owner and heir delete their accounts at the same moment, and one person twice at once:
     * every answer is 204 and each group ends with exactly one owner, who is a member (deletions
     * are serialised in the database, so the second sees the first's heir).
     */
    @Test
    void simultaneousDeletionsLeaveEveryGroupWithOneOwner() throws Exception {
        for (int round = 0; round < 3; round++) {
            TestUser ann = TestUser.named("Ann Owner");
            TestUser bob = TestUser.named("Bob Heir");
            TestUser cal = TestUser.named("Cal Last");
            UUID group = Fixtures.groupId(ann);
            Fixtures.addMember(ann, group, bob, "admin");
            Fixtures.addMember(ann, group, cal, "member");
            List<Api.Reply> replies = SessionCalls.simultaneously(
                    () -> ann.delete("/api/me"), () -> bob.delete("/api/me"), () -> bob.delete("/api/me"));
            replies.forEach(r -> assertEquals(204, r.status(), r::toString));
            assertEquals(cal.id(), Db.value("select owner_id from groups where id = ?", group));
            assertEquals(List.of(List.of(cal.id(), "owner")),
                    Db.rows("select user_id, role from group_members where group_id = ?", group));
        }
    }

    @Test
    void withoutATokenNothingIsDeletedOrExported() {
        TestUser ann = TestUser.named("Ann Stays");
        String before = Db.snapshot();
        Api.Reply refused = Api.delete("/api/me", null);
        assertEquals(401, refused.status(), refused::toString);
        assertEquals("unauthorized", refused.code());
        assertEquals(401, Api.get("/api/me/export", null).status());
        assertEquals(before, Db.snapshot(), "a refused request changes nothing");
        assertEquals(200, ann.get("/api/me").status());
    }

    @Test
    void theOpenApiDocumentDescribesExportAndDeletion() {
        String doc = Api.send("GET", "/openapi", null, null, null).body();
        for (String part : new String[]{"/api/me/export", "deleteMe", "exportMe", "AccountExport", "account_deleted"}) {
            assertTrue(doc.contains(part), part);
        }
    }

    // ------------------------------------------------------------------------------ helpers

    private EventStream open(String path, String token) {
        EventStream stream = EventStream.open(path, token);
        streams.add(stream);
        assertEquals(200, stream.status());
        return stream;
    }

    /** An avatar uploaded to S3 and set on the profile; its key. */
    private static String uploadAvatar(TestUser user) {
        Api.Reply signed = user.post("/api/profiles/avatar/upload-url", "{\"content_type\":\"image/png\",\"content_length\":4}");
        assertEquals(200, signed.status(), signed::toString);
        JsonObject upload = signed.json();
        var put = S3TestServer.send(HttpRequest.newBuilder(URI.create(upload.getString("upload_url")))
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[]{1, 2, 3, 4})));
        assertEquals(200, put.statusCode());
        assertEquals(200, user.patch("/api/me", "{\"avatar_url\":\"" + upload.getString("avatar_url") + "\"}").status());
        assertNotNull(TestEnvironment.s3().read(upload.getString("key")));
        return upload.getString("key");
    }

    /** table → id → column → value as text, every row of every table, read in SQL. */
    private static Map<String, Map<String, Map<String, String>>> snapshot() {
        Map<String, Map<String, Map<String, String>>> all = new TreeMap<>();
        for (String table : TABLES) {
            Map<String, Map<String, String>> rows = new TreeMap<>();
            for (List<Object> row : Db.rows("select t.id::text, j.key, j.value #>> '{}' from " + table
                    + " t, jsonb_each(to_jsonb(t)) j")) {
                rows.computeIfAbsent((String) row.get(0), id -> new TreeMap<>()).put((String) row.get(1), (String) row.get(2));
            }
            all.put(table, rows);
        }
        return all;
    }

    private static Set<String> diff(Map<String, Map<String, Map<String, String>>> before,
                                    Map<String, Map<String, Map<String, String>>> after) {
        Set<String> diff = new TreeSet<>();
        for (String table : TABLES) {
            Map<String, Map<String, String>> b = before.get(table);
            Map<String, Map<String, String>> a = after.get(table);
            b.forEach((id, row) -> {
                Map<String, String> now = a.get(id);
                if (now == null) {
                    diff.add(table + " " + id + " removed");
                    return;
                }
                row.forEach((column, value) -> {
                    if (!Objects.equals(value, now.get(column))) {
                        diff.add(table + " " + id + " " + column + ": "
                                + (column.equals("updated_at") ? "changed" : value + " -> " + now.get(column)));
                    }
                });
            });
            // rows other tests add meanwhile (none run concurrently) would show here
            a.keySet().stream().filter(id -> !b.containsKey(id)).forEach(id -> diff.add(table + " " + id + " added"));
        }
        return diff;
    }

    /**
     * A removed row that §14 deletes: one of the person's own (profile, identity, membership,
     * participation, log, notification received), the personal session, or a row of the group
     * left alone (the group, its members, sessions, their participations and logs, its notifications).
     */
    private static boolean belongsTo(Map<String, Map<String, Map<String, String>>> before, String change, UUID person,
                                     UUID aloneGroup, UUID personalSession) {
        String[] parts = change.split(" ");
        Map<String, String> row = before.get(parts[0]).get(parts[1]);
        String p = person.toString();
        String g = aloneGroup.toString();
        return switch (parts[0]) {
            case "profiles" -> parts[1].equals(p);
            case "auth_identities" -> p.equals(row.get("profile_id"));
            case "groups" -> parts[1].equals(g);
            case "group_members" -> p.equals(row.get("user_id")) || g.equals(row.get("group_id"));
            case "sessions" -> parts[1].equals(personalSession.toString()) || g.equals(row.get("group_id"));
            case "session_participants" -> p.equals(row.get("user_id"));
            case "time_logs" -> p.equals(row.get("user_id")) || g.equals(row.get("group_id"));
            case "notifications" -> p.equals(row.get("recipient_id")) || g.equals(row.get("group_id"));
            default -> false;
        };
    }

    private static String memberRow(Map<String, Map<String, Map<String, String>>> snapshot, UUID group, TestUser user) {
        return rowWhere(snapshot, "group_members", "group_id", group, "user_id", user.id());
    }

    private static String participantRow(Map<String, Map<String, Map<String, String>>> snapshot, UUID session, TestUser user) {
        return rowWhere(snapshot, "session_participants", "session_id", session, "user_id", user.id());
    }

    private static String rowWhere(Map<String, Map<String, Map<String, String>>> snapshot, String table, String c1, UUID v1,
                                   String c2, UUID v2) {
        return snapshot.get(table).entrySet().stream()
                .filter(e -> v1.toString().equals(e.getValue().get(c1)) && v2.toString().equals(e.getValue().get(c2)))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
