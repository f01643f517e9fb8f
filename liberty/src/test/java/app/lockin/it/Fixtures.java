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

/** Groups, members and invites made through the API itself, and assertions shared by the tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A valid group body: daily, 60 minutes, Europe/Paris, running from yesterday for 30 days. */
    public static String groupBody(String name) {
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return """
                {"name":"%s","description":"Deep work together","start_at":"%s","end_at":"%s",
                 "period":"daily","period_target_minutes":60,"timezone":"Europe/Paris"}"""
                .formatted(name, start, start.plus(30, ChronoUnit.DAYS));
    }

    /** A new group owned by {@code owner}. */
    public static JsonObject group(TestUser owner) {
        Api.Reply reply = owner.post("/api/groups", groupBody("Focus club " + UUID.randomUUID().toString().substring(0, 8)));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    public static UUID groupId(TestUser owner) {
        return UUID.fromString(group(owner).getString("id"));
    }

    public static void addMember(TestUser by, UUID groupId, TestUser who, String role) {
        Api.Reply reply = by.post("/api/groups/" + groupId + "/members",
                "{\"user_id\":\"" + who.id() + "\",\"role\":\"" + role + "\"}");
        assertEquals(201, reply.status(), reply::toString);
    }

    /** An invite of {@code to} into the group, sent by {@code by}; its id. */
    public static UUID invite(TestUser by, UUID groupId, TestUser to) {
        Api.Reply reply = by.post("/api/groups/" + groupId + ":invite", "{\"recipient_id\":\"" + to.id() + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return UUID.fromString(reply.json().getString("id"));
    }

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
