package app.lockin.it;

import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The session endpoints (SPEC §7) as the tests call them: real HTTP, status checked where it must succeed. */
final class SessionCalls {

    private SessionCalls() {
    }

    /** A personal session of the token's user, created. */
    static UUID personal(String token) {
        return id(expect(201, Api.post("/api/sessions", token, "{}")));
    }

    /** A session of {@code group} hosted by the token's user, created. */
    static UUID inGroup(String token, UUID group) {
        return id(expect(201, Api.post("/api/sessions", token, "{\"group_id\":\"" + group + "\"}")));
    }

    /** {@code POST /api/sessions/{id}:<action>} with no body. */
    static Api.Reply act(String token, UUID session, String action) {
        return Api.send("POST", "/api/sessions/" + session + ":" + action, token, null, null);
    }

    /** The action, which must succeed; the session after it. */
    static JsonObject ok(String token, UUID session, String action) {
        return expect(200, act(token, session, action)).json();
    }

    static JsonObject get(String token, UUID session) {
        return expect(200, Api.get("/api/sessions/" + session, token)).json();
    }

    static Api.Reply log(String token, UUID session, Instant startedAt, Instant endedAt) {
        return Api.post("/api/sessions/" + session + "/logs", token,
                "{\"started_at\":\"" + startedAt + "\",\"ended_at\":\"" + endedAt + "\"}");
    }

    /** A manual log that must be accepted. */
    static void logged(String token, UUID session, Instant startedAt, Instant endedAt) {
        expect(201, log(token, session, startedAt, endedAt));
    }

    static Api.Reply expect(int status, Api.Reply reply) {
        assertEquals(status, reply.status(), reply::toString);
        return reply;
    }

    /** The problem answer expected, and no stack trace in it. */
    static void assertRefused(Api.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(code, reply.code(), reply::toString);
        assertFalse(reply.body().contains("Exception") || reply.body().contains("at app."), "no stack trace leaks");
    }

    /** Runs the calls at the same moment, each on its own thread; their replies in order. */
    @SafeVarargs
    static List<Api.Reply> simultaneously(Supplier<Api.Reply>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch ready = new CountDownLatch(calls.length);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (Supplier<Api.Reply> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.get();
                }));
            }
            ready.await();
            go.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static UUID id(Api.Reply reply) {
        return UUID.fromString(reply.json().getString("id"));
    }
}
