package app.lockin.it;

import jakarta.json.JsonObject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Groups, members and invites made through the API itself, as a client makes them, and assertions
 * shared by the tests. SQL only for a state no endpoint reaches ({@link #archive}).
 */
public final class Fixtures {

    /** A window wide enough for every date the tests pin the clock to. */
    static final Instant WIDE_START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant WIDE_END = Instant.parse("2028-01-01T00:00:00Z");

    private Fixtures() {
    }

    /** What a group is made of; {@link #window} returns a changed copy. */
    public record GroupSpec(String timezone, String period, int targetMinutes, Instant startAt, Instant endAt) {

        /** Daily, 60 minutes, Europe/Paris, running from yesterday for 30 days. */
        public static GroupSpec standard() {
            Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            return new GroupSpec("Europe/Paris", "daily", 60, start, start.plus(30, ChronoUnit.DAYS));
        }

        /** A daily group over the {@link #WIDE_START wide window}. */
        public static GroupSpec daily(String timezone, int targetMinutes) {
            return new GroupSpec(timezone, "daily", targetMinutes, WIDE_START, WIDE_END);
        }

        /** A weekly group over the {@link #WIDE_START wide window}. */
        public static GroupSpec weekly(String timezone, int targetMinutes) {
            return new GroupSpec(timezone, "weekly", targetMinutes, WIDE_START, WIDE_END);
        }

        public GroupSpec window(Instant start, Instant end) {
            return new GroupSpec(timezone, period, targetMinutes, start, end);
        }

        /** The body of {@code POST /api/groups}. */
        public String body(String name) {
            return """
                    {"name":"%s","description":"Deep work together","start_at":"%s","end_at":"%s",
                     "period":"%s","period_target_minutes":%d,"timezone":"%s"}"""
                    .formatted(name, startAt, endAt, period, targetMinutes, timezone);
        }
    }

    /** A new group owned by {@code owner}. */
    public static JsonObject group(GroupSpec spec, TestUser owner) {
        Api.Reply reply = owner.post("/api/groups", spec.body("Focus club " + UUID.randomUUID().toString().substring(0, 8)));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    /** A new {@link GroupSpec#standard() standard} group owned by {@code owner}. */
    public static JsonObject group(TestUser owner) {
        return group(GroupSpec.standard(), owner);
    }

    public static UUID groupId(TestUser owner) {
        return groupId(GroupSpec.standard(), owner);
    }

    /** A new group owned by {@code owner}, with {@code members} added as plain members. */
    public static UUID groupId(GroupSpec spec, TestUser owner, TestUser... members) {
        UUID groupId = UUID.fromString(group(spec, owner).getString("id"));
        for (TestUser member : members) {
            addMember(owner, groupId, member, "member");
        }
        return groupId;
    }

    public static void addMember(TestUser by, UUID groupId, TestUser who, String role) {
        Api.Reply reply = by.post("/api/groups/" + groupId + "/members",
                "{\"user_id\":\"" + who.id() + "\",\"role\":\"" + role + "\"}");
        assertEquals(201, reply.status(), reply::toString);
    }

    /** {@code who}'s personal target in the group, set by {@code by} (owner or admin). */
    public static void overrideTarget(TestUser by, UUID groupId, TestUser who, int minutes) {
        Api.Reply reply = by.patch("/api/groups/" + groupId + "/members/" + who.id(),
                "{\"override_period_target_minutes\":" + minutes + "}");
        assertEquals(200, reply.status(), reply::toString);
    }

    /** {@code who} removed from the group by {@code by} (or leaving, when the same person). */
    public static void removeMember(TestUser by, UUID groupId, TestUser who) {
        Api.Reply reply = by.delete("/api/groups/" + groupId + "/members/" + who.id());
        assertEquals(204, reply.status(), reply::toString);
    }

    /** An invite of {@code to} into the group, sent by {@code by}; its id. */
    public static UUID invite(TestUser by, UUID groupId, TestUser to) {
        Api.Reply reply = by.post("/api/groups/" + groupId + ":invite", "{\"recipient_id\":\"" + to.id() + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return UUID.fromString(reply.json().getString("id"));
    }

    /**
     * The group archived, in SQL: the API archives only groups whose window has ended (SPEC §9),
     * and the tests need an archived group that is otherwise current.
     */
    public static void archive(UUID groupId) {
        assertEquals(1, Db.update("update groups set status = 'archived' where id = ?", groupId));
    }

    /** The caller's role in the group according to the database, or null when not a member. */
    public static String roleOf(UUID groupId, TestUser user) {
        List<List<Object>> rows = Db.rows("select role from group_members where group_id = ? and user_id = ?", groupId, user.id());
        return rows.isEmpty() ? null : (String) rows.get(0).get(0);
    }

    /** Asserts a problem+json refusal with this status and code, and no stack trace or SQL in it. */
    public static void assertProblem(Api.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(code, reply.code(), reply::toString);
        assertTrue(!reply.body().contains("Exception") && !reply.body().contains("at app.")
                && !reply.body().toLowerCase().contains("select "), () -> "no internals leak: " + reply);
    }

    /** As {@link #assertProblem}, and the problem names {@code field} in its errors. */
    public static void assertFieldProblem(Api.Reply reply, String code, String field) {
        assertProblem(reply, 400, code);
        assertTrue(reply.json().getJsonArray("errors").stream()
                .anyMatch(e -> e.asJsonObject().getString("field").equals(field)), () -> field + " is named: " + reply);
    }

    /** Runs {@code n} copies of {@code call} released at the same instant; their replies. */
    public static List<Api.Reply> simultaneously(int n, Callable<Api.Reply> call) {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (Future<Api.Reply> f : futures) {
                try {
                    replies.add(f.get());
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
            if (!failures.isEmpty()) {
                throw new AssertionError(failures.size() + " of " + n + " calls failed: " + failures + "; answers: " + replies);
            }
            return replies;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
