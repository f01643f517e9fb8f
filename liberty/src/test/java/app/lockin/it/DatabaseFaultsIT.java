package app.lockin.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §16, database faults, against the real thing: a lock held by another session, and (on a
 * PostgreSQL and a second Liberty of their own, {@link RestartablePostgres} configured as the run
 * command's) a database restarted under load, a database killed by SIGQUIT right after a burst of
 * writes, and the server killed with SIGKILL in the middle of one. The rule throughout: an answer
 * is 2xx and its write is durable, or it is 503 {@code unavailable} quickly; nothing in between.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultsIT {

    /** LOCKIN_DB_STATEMENT_TIMEOUT's default, which the test server keeps. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    /** What a loaded 2-core build machine may add to a bound before the answer is on the wire. */
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final String GROUP = Fixtures.GroupSpec.daily("UTC", 60).body("Fault line");

    private static RestartablePostgres database;
    private static SecondServer server;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @AfterAll
    static void stopOwnServers() {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void aStatementStuckOnALockAnswers503AndOtherCallsStillAnswer() throws Exception {
        TestUser owner = TestUser.named("Lou Locked");
        TestUser newcomer = TestUser.named("Nell Newcomer");
        java.util.UUID group = Fixtures.groupId(owner);
        String before = Db.snapshot();
        ExecutorService calls = Executors.newFixedThreadPool(3);
        try (Connection holder = TestEnvironment.database().connect()) {
            holder.setAutoCommit(false);
            try (var lock = Db.prepare(holder, "select id from groups where id = ? for update", group)) {
                lock.executeQuery().close(); // another session holds the group's row, as a long write would
            }
            // a new membership must key-share-lock its group's row: it waits behind the holder
            Future<Timed> stuck = calls.submit(() -> Timed.call(() -> owner.post("/api/groups/" + group + "/members",
                    "{\"user_id\":\"" + newcomer.id() + "\"}")));
            Timed read = calls.submit(() -> Timed.call(() -> owner.get("/api/groups/" + group))).get(30, TimeUnit.SECONDS);
            Timed other = calls.submit(() -> Timed.call(() -> newcomer.get("/api/me"))).get(30, TimeUnit.SECONDS);

            for (Timed answered : List.of(read, other)) {
                assertEquals(200, answered.reply().status(), "calls that need no lock still answer");
                assertTrue(answered.took().compareTo(Duration.ofSeconds(3)) < 0, "and are not held up: " + answered.took());
            }
            Timed refused = stuck.get(30, TimeUnit.SECONDS);
            assertUnavailable(refused.reply());
            assertTrue(refused.took().compareTo(STATEMENT_TIMEOUT.minus(Duration.ofMillis(500))) > 0,
                    "it waited for the lock first: " + refused.took());
            assertTrue(refused.took().compareTo(STATEMENT_TIMEOUT.plus(SLACK)) < 0,
                    "then answered within the statement timeout: " + refused.took());
            holder.rollback();
        } finally {
            calls.shutdownNow();
        }
        assertEquals(before, Db.snapshot(), "the refused write changed nothing");
        assertEquals(201, owner.post("/api/groups/" + group + "/members", "{\"user_id\":\"" + newcomer.id() + "\"}").status(),
                "and the same write succeeds once the lock is gone");
    }

    @Test
    @Order(2)
    void aDatabaseRestartUnderLoadCosts503sOnlyAndNoAcknowledgedWrite() throws Exception {
        String token = userOnOwnServer();
        Load load = Load.start(4, () -> Api.sendTo(ownServer().baseUrl(), "POST", "/api/groups", token, GROUP,
                "application/json"));
        pause(Duration.ofMillis(1500));
        long down = System.nanoTime();
        database.stop();
        pause(Duration.ofSeconds(2));
        database.startAgain();
        long up = System.nanoTime();
        pause(Duration.ofSeconds(6));
        List<Load.Outcome> outcomes = load.stop();

        assertTrue(outcomes.stream().anyMatch(o -> o.status() == 503), "the outage was seen: " + Load.summary(outcomes));
        for (Load.Outcome o : outcomes) {
            assertNotNull(o.reply(), "every request was answered: " + o.failure());
            if (o.status() != 201) {
                assertUnavailable(o.reply());
            }
            assertTrue(o.took().compareTo(STATEMENT_TIMEOUT.plus(SLACK)) < 0, "no request hangs: " + o.took());
        }
        Load.Outcome firstAfter = outcomes.stream().filter(o -> o.status() == 201 && o.startNanos() >= up)
                .findFirst().orElseThrow(() -> new AssertionError("never served again: " + Load.summary(outcomes)));
        Duration back = Duration.ofNanos(firstAfter.endNanos() - up);
        long firstRefused = outcomes.stream().filter(o -> o.status() == 503).mapToLong(Load.Outcome::startNanos).min().orElseThrow();
        long lastRefused = outcomes.stream().filter(o -> o.status() == 503).mapToLong(Load.Outcome::endNanos).max().orElseThrow();
        System.out.printf("Database restart under load: %s; longest answer %d ms; 503s from first to last %d ms "
                        + "(database down %d ms); first 201 %d ms after it accepted connections again%n",
                Load.summary(outcomes), outcomes.stream().map(Load.Outcome::took).max(Duration::compareTo).orElseThrow().toMillis(),
                Duration.ofNanos(lastRefused - firstRefused).toMillis(), Duration.ofNanos(up - down).toMillis(), back.toMillis());
        assertTrue(back.compareTo(Duration.ofSeconds(5)) < 0, "served again within 5 s of the database: " + back);
        assertAllStored(outcomes);
    }

    @Test
    @Order(3)
    void theRunCommandsDatabaseKeepsEveryAcknowledgedWriteThroughASigquit() throws Exception {
        try (Connection c = ownDatabase().connect(); Statement s = c.createStatement()) {
            assertEquals("on", show(s, "fsync"));
            assertEquals("on", show(s, "synchronous_commit"));
        }
        String token = userOnOwnServer();
        Load load = Load.start(8, () -> Api.sendTo(ownServer().baseUrl(), "POST", "/api/groups", token, GROUP,
                "application/json"));
        pause(Duration.ofSeconds(2));
        database.quit(); // right after the last answers, while writes are in flight
        List<Load.Outcome> outcomes;
        try {
            outcomes = load.stop();
        } finally {
            database.startAgain();
        }

        assertTrue(outcomes.stream().filter(o -> o.status() == 201).count() >= 20, Load.summary(outcomes));
        assertAllStored(outcomes);
    }

    @Test
    @Order(4)
    void killingTheServerMidBurstLosesNoAcknowledgedWriteAndLeavesNoHalfWrite() throws Exception {
        String token = userOnOwnServer();
        Load load = Load.start(8, () -> Api.sendTo(ownServer().baseUrl(), "POST", "/api/groups", token, GROUP,
                "application/json"));
        pause(Duration.ofSeconds(2));
        server.kill();
        List<Load.Outcome> outcomes = load.stop();

        assertTrue(outcomes.stream().filter(o -> o.status() == 201).count() >= 20, Load.summary(outcomes));
        assertTrue(outcomes.stream().anyMatch(o -> o.reply() == null), "requests were cut: " + Load.summary(outcomes));
        assertAllStored(outcomes);
        try (Connection c = ownDatabase().connect(); Statement s = c.createStatement();
             ResultSet halfWritten = s.executeQuery("""
                     select count(*) from groups g
                     where (select count(*) from group_members m where m.group_id = g.id and m.role = 'owner') <> 1""")) {
            halfWritten.next();
            assertEquals(0, halfWritten.getLong(1), "every group stored has its owner: no half-written group");
        }
    }

    private static void assertUnavailable(Api.Reply reply) {
        assertEquals(503, reply.status(), reply::toString);
        assertEquals("unavailable", reply.code());
        assertTrue(Integer.parseInt(reply.header("Retry-After")) >= 1, reply::toString);
    }

    /** Every group answered 201 is in the database. */
    private static void assertAllStored(List<Load.Outcome> outcomes) throws SQLException {
        Set<String> acknowledged = new TreeSet<>();
        outcomes.stream().filter(o -> o.status() == 201).forEach(o -> acknowledged.add(o.reply().json().getString("id")));
        Set<String> stored = new TreeSet<>();
        try (Connection c = ownDatabase().connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select id from groups")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        acknowledged.removeAll(stored);
        assertEquals(Set.of(), acknowledged, "acknowledged but lost");
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A new user of the own server; after a fault, its first calls may still be 503 for up to 5 s. */
    private static String userOnOwnServer() throws InterruptedException {
        String token = Tokens.newUser();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Api.Reply me = Api.sendTo(ownServer().baseUrl(), "GET", "/api/me", token, null, null);
        while (me.status() == 503 && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(100));
            me = Api.sendTo(ownServer().baseUrl(), "GET", "/api/me", token, null, null);
        }
        assertEquals(200, me.status(), me::toString);
        return token;
    }

    private static RestartablePostgres ownDatabase() {
        if (database == null) {
            database = RestartablePostgres.start();
        }
        return database;
    }

    private static SecondServer ownServer() {
        if (server == null) {
            RestartablePostgres db = ownDatabase();
            server = SecondServer.start(Map.of("LOCKIN_DB_URL", db.url(), "LOCKIN_DB_USER", "postgres",
                    "LOCKIN_DB_PASSWORD", "", "LOCKIN_FIXED_CLOCK", "",
                    // the load writes far more than a person may per minute (SPEC §15's limit is not under test here)
                    "LOCKIN_RATE_WRITES_PER_MINUTE", "1000000"));
        }
        return server;
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis()); // the fault is the point: real time passes under load
    }

    /** One call and how long it took. */
    private record Timed(Api.Reply reply, Duration took) {
        static Timed call(Supplier<Api.Reply> call) {
            long start = System.nanoTime();
            Api.Reply reply = call.get();
            return new Timed(reply, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** A steady closed-loop load: each worker sends one request after the other until stopped. */
    private static final class Load {

        record Outcome(long startNanos, long endNanos, Api.Reply reply, String failure) {
            int status() {
                return reply == null ? -1 : reply.status();
            }

            Duration took() {
                return Duration.ofNanos(endNanos - startNanos);
            }
        }

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        private final ExecutorService workers;
        private final List<Future<?>> futures = new ArrayList<>();

        private Load(int workers) {
            this.workers = Executors.newFixedThreadPool(workers);
        }

        static Load start(int workers, Supplier<Api.Reply> request) {
            Load load = new Load(workers);
            for (int i = 0; i < workers; i++) {
                load.futures.add(load.workers.submit(() -> {
                    while (load.running.get()) {
                        long start = System.nanoTime();
                        try {
                            Api.Reply reply = request.get();
                            load.outcomes.add(new Outcome(start, System.nanoTime(), reply, null));
                        } catch (UncheckedIOException cut) {
                            load.outcomes.add(new Outcome(start, System.nanoTime(), null, String.valueOf(cut.getCause())));
                            pauseQuietly(); // a dead server refuses at once: do not spin
                        }
                    }
                }));
            }
            return load;
        }

        List<Outcome> stop() throws Exception {
            running.set(false);
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            workers.shutdown();
            List<Outcome> all = new ArrayList<>(outcomes);
            all.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
            return all;
        }

        static String summary(List<Outcome> outcomes) {
            Map<Integer, Long> byStatus = new java.util.TreeMap<>();
            outcomes.forEach(o -> byStatus.merge(o.status(), 1L, Long::sum));
            return "answers by status (-1: no answer) " + byStatus;
        }

        private static void pauseQuietly() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
