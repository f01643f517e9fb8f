package app.lockin.it;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Moves the test server's clock ({@code LOCKIN_FIXED_CLOCK}, read by the application's
 * LockinClock on every call, which also hands it to the database's {@code lockin.now}). Used to
 * test fixed dates (DST days) and elapsed time without waiting. Each move waits until the API's
 * {@code server_time} shows it.
 */
final class TestClock {

    private static final String PROBE_TOKEN = Tokens.access("test-clock-probe");
    private static String probePath;

    private TestClock() {
    }

    /** From now on the server's "now" is {@code at}, until the next pin or {@link #release()}. */
    static void pin(Instant at) {
        TestEnvironment.setServerVariable("LOCKIN_FIXED_CLOCK", at.toString());
        awaitServerTime(at::equals);
    }

    /** Back to real time. */
    static void release() {
        TestEnvironment.setServerVariable("LOCKIN_FIXED_CLOCK", "");
        awaitServerTime(t -> Duration.between(t, Instant.now()).abs().compareTo(Duration.ofSeconds(30)) < 0);
    }

    private static void awaitServerTime(Predicate<Instant> expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Instant serverTime = Instant.parse(Api.get(probe(), PROBE_TOKEN).json().getString("server_time"));
            if (expected.test(serverTime)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server clock did not move: server_time " + serverTime);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A personal session of the probe user, whose GET answers the server's time. */
    private static synchronized String probe() {
        if (probePath == null) {
            Api.Reply created = Api.post("/api/sessions", PROBE_TOKEN, "{}");
            if (created.status() != 201) {
                throw new AssertionError("cannot create the clock probe: " + created);
            }
            probePath = "/api/sessions/" + created.json().getString("id");
        }
        return probePath;
    }
}
