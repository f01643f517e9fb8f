package app.lockin.load;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Issue 13's open-model goal (SPEC §17): 1,000 phones, each a keep-alive connection with its own
 * identity, together sending 500 requests/s of the mobile mix — race view 50 %, {@code /api/me}
 * 20 %, inbox 10 %, session transitions and manual logs 20 % — and the goals p99 ≤ 50 ms, no
 * failed request, server RSS ≤ 1 GiB.
 *
 * <p>Before the measured part (outside Gatling's report) it seeds its own people through the API
 * ({@link Seeder}: 50 groups of 20 members, every member hosting a running session of the group),
 * then warms the server up with the reads of the mix. The measured part: every seeded person is one
 * virtual user with its own connection (Gatling's default, no sharing), started evenly over one
 * pace (2 s) and then sending one request every pace ({@code pace}: the interval runs from one
 * request's start to the next, so the arrival rate does not drop while answers come within 2 s).
 * A write is the next step of the person's own cycle on the session they host: {@code :pause},
 * {@code :resume}, then a manual log ({@code POST /api/sessions/{id}/logs}) of the time between the
 * two, which lies inside the session and overlaps no log of theirs. At 0.1 writes/s per person the
 * write limit (120 per person per minute) is never reached.
 *
 * <p>The server's {@code VmRSS} is printed idle, after seeding and warm-up, at its peak during the
 * run (sampled every 500 ms) and at the end, and written with the settings to
 * {@code load/target/load-summary.txt}.
 */
public class MobileMixSimulation extends Simulation {

    private static final LoadSettings SETTINGS = LoadSettings.fromEnvironment();
    private final Optional<ServerProbe> server = ServerProbe.find(SETTINGS);
    private final List<String> summary = new ArrayList<>();

    private final HttpProtocolBuilder protocol = http
            .baseUrl(SETTINGS.baseUrl())
            .acceptHeader("application/json")
            .authorizationHeader("Bearer #{token}")
            .userAgentHeader("lockin-load/gatling");

    private final ChainBuilder raceView = exec(http("race view GET /api/groups/{id}/progress/current")
            .get("/api/groups/#{groupId}/progress/current"));

    private final ChainBuilder me = exec(http("GET /api/me").get("/api/me"));

    private final ChainBuilder inbox = exec(http("inbox GET /api/notifications").get("/api/notifications"));

    /** {@code :pause}; on success the next write is {@code :resume}, and the pause's start is noted. */
    private final ChainBuilder pause = exec(session -> session.remove("sessionStatus"))
            .exec(http("session :pause").post("/api/sessions/#{sessionId}:pause")
                    .check(status().is(200), jsonPath("$.status").saveAs("sessionStatus")))
            .exec(session -> "paused".equals(session.getString("sessionStatus"))
                    ? session.set("next", "resume").set("pausedAt", ceilMillis(Instant.now()))
                    : session);

    /**
     * The person's next write on the session they host: {@code :pause} → {@code :resume} → a manual
     * log of [pause answered, resume sent), which lies inside the paused gap → {@code :pause} …
     * When answers come later than the pace the gap can be empty; that log is then skipped for a
     * {@code :pause}, so a write is always sent and never an invalid one.
     */
    private final ChainBuilder write = doSwitch("#{next}").on(
            onCase("pause").then(pause),
            onCase("resume").then(
                    exec(session -> session.remove("sessionStatus").set("resumedAt", floorMillis(Instant.now())))
                            .exec(http("session :resume").post("/api/sessions/#{sessionId}:resume")
                                    .check(status().is(200), jsonPath("$.status").saveAs("sessionStatus")))
                            .exec(session -> "running".equals(session.getString("sessionStatus"))
                                    ? session.set("next", "log") : session)),
            onCase("log").then(
                    doIfOrElse(session -> Instant.parse(session.getString("resumedAt"))
                            .isAfter(Instant.parse(session.getString("pausedAt")))).then(
                            exec(http("manual log POST /api/sessions/{id}/logs").post("/api/sessions/#{sessionId}/logs")
                                    .body(StringBody("{\"started_at\":\"#{pausedAt}\",\"ended_at\":\"#{resumedAt}\"}"))
                                    .asJson()
                                    .check(status().is(201)))
                                    .exec(session -> session.set("next", "pause")))
                            .orElse(pause)));

    public MobileMixSimulation() throws Exception {
        note("target %s; %d groups × %d members = %d clients, one request each per %d ms = %.0f req/s for %d s",
                SETTINGS.baseUrl(), SETTINGS.groups(), SETTINGS.membersPerGroup(), SETTINGS.clients(),
                SETTINGS.pace().toMillis(), SETTINGS.requestsPerSecond(), SETTINGS.duration().toSeconds());
        note("server JVM: %s", server.map(s -> "pid " + s.pid() + ", " + s.describe())
                .orElse("not found on this machine (set -Dlockin.load.serverPid=…); RSS not recorded"));

        ApiClient api = new ApiClient(SETTINGS.baseUrl());
        if (api.status(null, "/health/ready") != 200) {
            throw new IllegalStateException(SETTINGS.baseUrl() + "/health/ready is not 200: start the server first "
                    + "(README: mvn -Prun install) and wait for it");
        }
        Duration lifetime = SETTINGS.duration().plus(SETTINGS.warmUp()).plus(Duration.ofMinutes(30));
        long seedStart = System.nanoTime();
        List<Seeder.SeededUser> people = new Seeder(api, DevSigner.load(SETTINGS.lockinHome()))
                .seed(SETTINGS.groups(), SETTINGS.membersPerGroup(), lifetime);
        note("seeded %d people in %d groups through the API in %.1f s; server %s", people.size(), SETTINGS.groups(),
                (System.nanoTime() - seedStart) / 1e9, server.map(ServerProbe::describe).orElse("?"));
        long warm = warmUp(api, people, SETTINGS.warmUp());
        note("warm-up: %d reads in %d s; server %s", warm, SETTINGS.warmUp().toSeconds(),
                server.map(ServerProbe::describe).orElse("?"));

        List<Map<String, Object>> records = new ArrayList<>();
        for (Seeder.SeededUser person : people) {
            records.add(person.asFeederRecord());
        }
        ScenarioBuilder phones = scenario("mobile mix")
                .feed(listFeeder(records).queue())
                .exec(session -> session.set("next", "pause"))
                .during(SETTINGS.duration()).on(
                        pace(SETTINGS.pace()),
                        randomSwitch().on(
                                percent(50.0).then(raceView),
                                percent(20.0).then(me),
                                percent(10.0).then(inbox),
                                percent(20.0).then(write)));

        setUp(phones.injectOpen(rampUsers(SETTINGS.clients()).during(SETTINGS.pace())))
                .protocols(protocol)
                .assertions(
                        global().responseTime().percentile(99.0).lte(50),
                        global().failedRequests().count().is(0L));
    }

    @Override
    public void before() {
        server.ifPresent(s -> {
            note("server at the start of the measured run: %s", s.describe());
            s.startSampling();
        });
    }

    @Override
    public void after() {
        server.ifPresent(s -> {
            long peak = s.stopSampling();
            note("server after the run: %s; peak VmRSS during the run %,d MB (goal ≤ 1,024 MB: %s)",
                    s.describe(), peak / 1024, peak <= 1024 * 1024 ? "met" : "NOT met");
        });
        try {
            Path file = Path.of(System.getProperty("lockin.load.summary", "target/load-summary.txt"));
            Files.createDirectories(file.getParent());
            Files.write(file, summary);
            System.out.println("[load] summary written to " + file.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("[load] could not write the summary: " + e);
        }
    }

    /** The reads of the mix from 16 threads for {@code length}, so the server's JIT is warm. */
    private static long warmUp(ApiClient api, List<Seeder.SeededUser> people, Duration length)
            throws InterruptedException {
        if (length.isZero()) {
            return 0;
        }
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (int t = 0; t < 16; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int i = thread; System.nanoTime() < end; i += 16) {
                    Seeder.SeededUser p = people.get(i % people.size());
                    String path = switch (i % 4) {
                        case 0, 1 -> "/api/groups/" + p.groupId() + "/progress/current";
                        case 2 -> "/api/me";
                        default -> "/api/notifications";
                    };
                    api.status(p.token(), path);
                    count.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(length.toSeconds() + 60, TimeUnit.SECONDS);
        return count.get();
    }

    private static String ceilMillis(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.MILLIS);
        return (floor.equals(t) ? floor : floor.plusMillis(1)).toString();
    }

    private static String floorMillis(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private void note(String format, Object... args) {
        String line = String.format(format, args);
        summary.add(line);
        System.out.println("[load] " + line);
    }
}
