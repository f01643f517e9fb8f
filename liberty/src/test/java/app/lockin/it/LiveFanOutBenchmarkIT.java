package app.lockin.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The live fan-out benchmark (not a test: it asserts no timing). SPEC §11 and its issue ask what
 * 1,000 open event streams cost one server and how fast a change reaches them. Two scenarios,
 * each with 1,000 streams held by {@link SseLoadClient} (one HttpClient, a few threads):
 * <ol>
 *     <li><b>many groups</b>: 50 groups of 20 members, each member holding one stream of their
 *     group; each round, the host of every group starts (or pauses, or resumes) the group's session
 *     at once, and each change must reach the 20 streams of its group;</li>
 *     <li><b>one big group</b>: one group of 200 members each holding 5 streams (the per-person
 *     cap), so that one change reaches all 1,000 streams.</li>
 * </ol>
 * For each change: the time from the session call returning to the <em>last</em> of its group's
 * streams receiving the {@code progress} event that shows it (checked in the event: the host's
 * row has the new {@code is_focusing}). The server's RSS and thread count come from
 * {@code /proc/<pid>/status} of the Liberty JVM, the race view's executions from
 * {@code pg_stat_statements} (preloaded in the embedded PostgreSQL when {@code lockin.benchmark} is
 * set). Runs only when asked:
 *
 * <pre>
 * mvn -o verify -pl liberty -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=LiveFanOutBenchmarkIT -Dlockin.benchmark=true [-Dlockin.benchmark.rounds=30]
 * </pre>
 *
 * Prints the report and writes it to {@code liberty/target/live-benchmark.txt}.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "lockin.benchmark", matches = "true")
class LiveFanOutBenchmarkIT {

    static final int GROUPS = 50;
    static final int GROUP_SIZE = 20;
    static final int BIG_GROUP_MEMBERS = 200;
    static final int STREAMS_PER_BIG_GROUP_MEMBER = 5;
    static final int ROUNDS = Integer.getInteger("lockin.benchmark.rounds", 30);
    static final Duration SETTLE = Duration.ofSeconds(5);
    /** Between rounds, so that each change starts outside the previous push's 250 ms coalescing window. */
    static final long PAUSE_BETWEEN_ROUNDS_MILLIS = 500;

    /** The race view's statement, as pg_stat_statements records it. */
    static final String VIEW_STATEMENT = "%from group_member_period_progress v%";

    private final StringBuilder report = new StringBuilder();
    private final HttpClient calls = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ExecutorService workers = Executors.newFixedThreadPool(8);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    /** One group of the benchmark: its host changes its session; {@code expected} is the round under way. */
    static final class BenchGroup {
        final UUID id;
        final TestUser host;
        final List<TestUser> members;
        UUID session;
        volatile Round expected;
        int streams;

        BenchGroup(UUID id, TestUser host, List<TestUser> members) {
            this.id = id;
            this.host = host;
            this.members = members;
        }
    }

    /** One change of one group: when the call returned and when its last stream saw it. */
    static final class Round {
        final int number;
        final String hostNeedle;
        final String focusing;
        final CountDownLatch reached;
        final AtomicLong lastArrival = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong firstArrival = new AtomicLong(Long.MAX_VALUE);
        volatile int eventChars;
        volatile long callStarted;
        volatile long callReturned;

        Round(int number, UUID host, boolean focusing, int streams) {
            this.number = number;
            this.hostNeedle = "\"user_id\":\"" + host + "\"";
            this.focusing = "\"is_focusing\":" + focusing;
            this.reached = new CountDownLatch(streams);
        }

        /** Whether the race in {@code data} shows this round's change (the host's row). */
        boolean shownIn(String data) {
            int at = data.indexOf(hostNeedle);
            if (at < 0) {
                return false;
            }
            int start = data.lastIndexOf('{', at);
            int end = data.indexOf('}', at);
            return data.substring(start, end < 0 ? data.length() : end).contains(focusing);
        }
    }

    @Test
    void thousandStreamsOnOneServer() throws Exception {
        long pid = libertyPid();
        line("Live fan-out benchmark (SPEC §11): 1,000 SSE streams on one Liberty server");
        line("machine: %d cores, %s MB memory; Liberty JVM pid %d; load average at start %s",
                Runtime.getRuntime().availableProcessors(), memTotalMb(), pid, loadAverage());
        line("view executions counted by: %s", enableStatementCounting());

        // ---------------------------------------------------------------- 50 groups × 20 members
        long t = System.nanoTime();
        List<BenchGroup> groups = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            groups.add(group("Many " + i, GROUP_SIZE));
        }
        line("%nScenario A: %d groups × %d members, one stream per member (set up in %.0f s)",
                GROUPS, GROUP_SIZE, seconds(t));
        settle();
        Snapshot idle = snapshot(pid, "A idle, before the streams");

        SseLoadClient clientA = new SseLoadClient();
        List<Open> opens = new ArrayList<>();
        for (BenchGroup g : groups) {
            for (TestUser member : g.members) {
                opens.add(new Open(g, member));
            }
        }
        openAll(clientA, opens);
        settle();
        Snapshot open = snapshot(pid, "A with 1,000 streams open");
        runRounds("A", clientA, groups);
        Snapshot afterRounds = snapshot(pid, "A with the streams, after the rounds");
        clientA.closeAll();
        Snapshot closed = afterClosing(pid, idle, "A");
        line("A: RSS +%d MB with the streams open over idle (+%d MB after the rounds); threads %d → %d (%+d)",
                (open.rssKb - idle.rssKb) / 1024, (afterRounds.rssKb - idle.rssKb) / 1024, idle.threads, open.threads,
                open.threads - idle.threads);
        line("A: after closing: RSS %d MB, threads %d, sockets %d", closed.rssKb / 1024, closed.threads, closed.sockets);

        // ---------------------------------------------------------------- one group, 200 × 5 streams
        t = System.nanoTime();
        BenchGroup big = group("Big", BIG_GROUP_MEMBERS);
        line("%nScenario B: one group of %d members, each holding %d streams (set up in %.0f s)",
                BIG_GROUP_MEMBERS, STREAMS_PER_BIG_GROUP_MEMBER, seconds(t));
        settle();
        Snapshot idleB = snapshot(pid, "B idle, before the streams");
        SseLoadClient clientB = new SseLoadClient();
        List<Open> bigOpens = new ArrayList<>();
        for (int i = 0; i < STREAMS_PER_BIG_GROUP_MEMBER; i++) {
            for (TestUser member : big.members) {
                bigOpens.add(new Open(big, member));
            }
        }
        openAll(clientB, bigOpens);
        settle();
        Snapshot openB = snapshot(pid, "B with 1,000 streams open");
        runRounds("B", clientB, List.of(big));
        Snapshot afterB = snapshot(pid, "B with the streams, after the rounds");
        line("B: RSS +%d MB with the streams open over idle (+%d MB after the rounds); threads %d → %d (%+d)",
                (openB.rssKb - idleB.rssKb) / 1024, (afterB.rssKb - idleB.rssKb) / 1024, idleB.threads, openB.threads,
                openB.threads - idleB.threads);
        clientB.closeAll();
        afterClosing(pid, idleB, "B");

        line("%nload client (the test JVM, not the server): %s", clientFigures());
        line("load average at the end: %s", loadAverage());
        workers.shutdownNow();
        System.out.println(report);
        Files.writeString(Path.of("target", "live-benchmark.txt"), report.toString()); // failsafe runs in liberty/
    }

    // ------------------------------------------------------------------------------ set-up

    /** A group owned by a new host with {@code size - 1} new members, and a group session created by the host. */
    private BenchGroup group(String name, int size) throws Exception {
        TestUser host = TestUser.named(name + " host");
        UUID id = Fixtures.groupId(host);
        List<TestUser> members = new ArrayList<>(List.of(host));
        members.addAll(parallel(size - 1, i -> {
            TestUser member = TestUser.named(name + " member " + i);
            Fixtures.addMember(host, id, member, "member");
            return member;
        }));
        BenchGroup group = new BenchGroup(id, host, members);
        group.session = SessionCalls.inGroup(host.token(), id);
        return group;
    }

    private record Open(BenchGroup group, TestUser member) {
    }

    /** Opens the streams, at most 32 being set up at a time, and waits for every first event. */
    private void openAll(SseLoadClient client, List<Open> opens) throws InterruptedException {
        Semaphore inFlight = new Semaphore(32);
        long t = System.nanoTime();
        Map<String, Integer> refusals = new ConcurrentHashMap<>();
        List<SseLoadClient.Stream> opened = new ArrayList<>();
        for (Open o : opens) {
            inFlight.acquire();
            BenchGroup g = o.group();
            SseLoadClient.Stream stream = client.open("/api/groups/" + g.id + "/events", o.member().token(),
                    (s, event) -> onEvent(g, s, event));
            opened.add(stream);
            stream.first.whenComplete((event, failure) -> {
                if (failure != null) {
                    refusals.merge(String.valueOf(failure.getMessage()).lines().findFirst().orElse(""), 1, Integer::sum);
                }
                inFlight.release();
            });
        }
        inFlight.acquire(32);
        inFlight.release(32);
        double took = seconds(t);
        long ok = opened.stream().filter(s -> s.first.isDone() && !s.first.isCompletedExceptionally()).count();
        for (Open o : opens) {
            o.group().streams = 0;
        }
        for (int i = 0; i < opens.size(); i++) {
            if (!opened.get(i).first.isCompletedExceptionally()) {
                opens.get(i).group().streams++;
            }
        }
        line("opened %d of %d streams in %.1f s (each: token, membership, first race snapshot)%s", ok, opens.size(), took,
                refusals.isEmpty() ? "" : "; refused or failed: " + refusals);
    }

    private static void onEvent(BenchGroup g, SseLoadClient.Stream stream, SseLoadClient.Event event) {
        Round round = g.expected;
        if (round == null || !event.name().equals("progress") || stream.lastRound >= round.number
                || !round.shownIn(event.data())) {
            return;
        }
        stream.lastRound = round.number;
        round.eventChars = event.data().length();
        round.lastArrival.accumulateAndGet(event.arrivedNanos(), Math::max);
        round.firstArrival.accumulateAndGet(event.arrivedNanos(), Math::min);
        round.reached.countDown();
    }

    // ------------------------------------------------------------------------------ rounds

    /**
     * {@link #ROUNDS} rounds: in each, every group's host changes the session at once (start, then
     * pause and resume in turn); waits until every stream of every group saw its change.
     */
    private void runRounds(String scenario, SseLoadClient client, List<BenchGroup> groups) throws Exception {
        List<Long> perChange = new ArrayList<>();
        List<Long> perRound = new ArrayList<>();
        List<Long> spread = new ArrayList<>();
        long eventChars = 0;
        long early = 0;
        long missing = 0;
        long viewBefore = viewExecutions();
        long progressBefore = client.streams().stream().mapToLong(s -> s.progressEvents.get()).sum();
        int expectedStreams = groups.stream().mapToInt(g -> g.streams).sum();
        for (int r = 0; r < ROUNDS; r++) {
            String action = r == 0 ? "start" : r % 2 == 1 ? "pause" : "resume";
            List<Round> rounds = new ArrayList<>();
            List<Callable<Void>> changes = new ArrayList<>();
            for (BenchGroup g : groups) {
                Round round = new Round(r, g.host.id(), r % 2 == 0, g.streams);
                g.expected = round;
                rounds.add(round);
                changes.add(() -> {
                    change(g, action, round);
                    return null;
                });
            }
            for (Future<Void> f : workers.invokeAll(changes)) {
                f.get();
            }
            long lastReturn = Long.MIN_VALUE;
            long lastArrival = Long.MIN_VALUE;
            for (Round round : rounds) {
                if (!round.reached.await(30, TimeUnit.SECONDS)) {
                    missing += round.reached.getCount();
                    continue;
                }
                long latency = round.lastArrival.get() - round.callReturned;
                if (round.firstArrival.get() < round.callReturned) {
                    early++;
                }
                perChange.add(Math.max(0, latency));
                spread.add(round.lastArrival.get() - round.firstArrival.get());
                eventChars = round.eventChars;
                lastReturn = Math.max(lastReturn, round.callReturned);
                lastArrival = Math.max(lastArrival, round.lastArrival.get());
            }
            if (lastArrival != Long.MIN_VALUE) {
                perRound.add(Math.max(0, lastArrival - lastReturn));
            }
            Thread.sleep(PAUSE_BETWEEN_ROUNDS_MILLIS);
        }
        long views = viewExecutions() - viewBefore;
        long progress = client.streams().stream().mapToLong(s -> s.progressEvents.get()).sum() - progressBefore;
        long changes = (long) ROUNDS * groups.size();
        line("%s: %d rounds × %d group(s) = %d changes (session %s), %d streams; load average %s", scenario, ROUNDS,
                groups.size(), changes, "start/pause/resume", expectedStreams, loadAverage());
        line("%s: call returned → last stream of the group received the progress event: %s", scenario,
                percentiles(perChange));
        if (groups.size() > 1) {
            line("%s: per round, last call returned → last of all %d streams received: %s", scenario, expectedStreams,
                    percentiles(perRound));
        }
        line("%s: first → last stream of the group (the write loop over its streams): %s; progress event data %,d"
                + " characters", scenario, percentiles(spread), eventChars);
        line("%s: changes whose first stream got the event before the call had returned: %d (latency counted as 0 if"
                + " the last one did too); streams not reached within 30 s: %d", scenario, early, missing);
        line("%s: progress events received %d (%.2f per stream and change); race view executions %s (%s per change)",
                scenario, progress, progress / (double) ((long) ROUNDS * expectedStreams),
                views < 0 ? "n/a" : views, views < 0 ? "n/a" : "%.2f".formatted(views / (double) changes));
    }

    /** The host's session call, timed by the load client's wall clock: {@code callReturned} when its answer is in. */
    private void change(BenchGroup g, String action, Round round) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(TestEnvironment.baseUrl() + "/api/sessions/" + g.session
                        + ":" + action)).header("Authorization", "Bearer " + g.host.token())
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        round.callStarted = System.nanoTime();
        HttpResponse<String> response = calls.send(request, HttpResponse.BodyHandlers.ofString());
        round.callReturned = System.nanoTime();
        assertEquals(200, response.statusCode(), response::body);
    }

    // ------------------------------------------------------------------------------ measurements

    /**
     * After the client dropped its connections: how long until the server closed its side (it finds
     * a vanished client only by writing to it: keep-alives after 10 s of silence), and the figures then.
     */
    private Snapshot afterClosing(long pid, Snapshot idle, String scenario) throws Exception {
        long t = System.nanoTime();
        long sockets = Long.MAX_VALUE;
        while (sockets > idle.sockets + 20 && seconds(t) < 60) {
            Thread.sleep(1000);
            sockets = socketCount(pid);
        }
        return snapshot(pid, "%s %.0f s after the client closed its streams".formatted(scenario, seconds(t)));
    }

    /** The server's figures at one moment, from /proc/&lt;pid&gt;/status and fd. */
    private record Snapshot(long rssKb, int threads, long sockets) {
    }

    private Snapshot snapshot(long pid, String label) throws IOException {
        Map<String, String> status = procStatus(pid);
        long rss = Long.parseLong(status.get("VmRSS").replace("kB", "").strip());
        int threads = Integer.parseInt(status.get("Threads").strip());
        long sockets = socketCount(pid);
        Snapshot s = new Snapshot(rss, threads, sockets);
        line("  %-45s server RSS %5d MB, threads %4d, open sockets %5d%s", label + ":", rss / 1024, threads, sockets,
                heapInfo(pid));
        return s;
    }

    private static long socketCount(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    private static Map<String, String> procStatus(long pid) throws IOException {
        Map<String, String> fields = new ConcurrentHashMap<>();
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                fields.put(l.substring(0, colon), l.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    /** The heap in use after the server's last collection (jcmd GC.heap_info), to read RSS against. */
    private static String heapInfo(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "";
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().filter(l -> l.contains("total") && l.contains("used")).findFirst()
                    .map(l -> "; heap " + l.strip().replaceAll(" \\[0x.*", "").replaceAll("\\s+", " ")).orElse("");
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    /** The Liberty JVM: the java process running ws-server.jar for the test server. */
    private static long libertyPid() throws IOException {
        String server = System.getProperty("lockin.test.server", "lockin-test");
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            List<Long> pids = procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    return cmd.contains("java") && cmd.contains("ws-server.jar") && cmd.contains(server);
                } catch (IOException gone) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
            if (pids.size() != 1) {
                throw new IllegalStateException("expected one Liberty JVM of " + server + ", found " + pids);
            }
            return pids.get(0);
        }
    }

    /** Creates pg_stat_statements in the test database; how the view's executions are counted, or why not. */
    private static String enableStatementCounting() {
        try (Connection db = TestEnvironment.database().connect(); Statement s = db.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
            return "pg_stat_statements (calls of the statement like '" + VIEW_STATEMENT + "')";
        } catch (SQLException e) {
            return "nothing: pg_stat_statements is not available (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    /** Executions of the race view's statement in the test database so far; -1 when not counted. */
    private static long viewExecutions() {
        try (Connection db = TestEnvironment.database().connect(); PreparedStatement s = db.prepareStatement(
                "select coalesce(sum(calls), 0) from pg_stat_statements"
                        + " where dbid = (select oid from pg_database where datname = current_database()) and query like ?")) {
            s.setString(1, VIEW_STATEMENT);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    private static String clientFigures() throws IOException {
        Map<String, String> self = procStatus(ProcessHandle.current().pid());
        Runtime rt = Runtime.getRuntime();
        return "RSS %s, threads %s, heap used %d MB".formatted(self.get("VmRSS"), self.get("Threads"),
                (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
    }

    private static String memTotalMb() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.toString(Long.parseLong(l.replaceAll("\\D", "")) / 1024)).findFirst().orElse("?");
    }

    private static String loadAverage() throws IOException {
        Path load = Path.of("/proc/loadavg");
        return Files.exists(load) ? Files.readString(load).strip() : "n/a";
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(SETTLE.toMillis());
    }

    private static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "no samples";
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return "p50 %.0f ms  p90 %.0f ms  p99 %.0f ms  max %.0f ms  mean %.0f ms  (n=%d)".formatted(at(sorted, 0.50),
                at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
                Arrays.stream(sorted).average().orElse(0) / 1e6, sorted.length);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private interface Indexed<T> {
        T make(int i) throws Exception;
    }

    /** {@code count} results made on the worker pool (the set-up: users, members, groups). */
    private <T> List<T> parallel(int count, Indexed<T> make) throws Exception {
        List<Callable<T>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            tasks.add(() -> make.make(index));
        }
        List<T> made = new ArrayList<>();
        for (Future<T> f : workers.invokeAll(tasks)) {
            made.add(f.get());
        }
        return made;
    }

    private void line(String format, Object... args) {
        String text = args.length == 0 ? format.replace("%n", "\n") : format.formatted(args);
        report.append(text).append('\n');
        System.out.println(text);
    }
}
