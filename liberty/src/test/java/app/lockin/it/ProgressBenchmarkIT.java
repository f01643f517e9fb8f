package app.lockin.it;

import app.lockin.ejb.history.HistoryService;
import app.lockin.ejb.history.StatsService;
import app.lockin.ejb.session.ProgressService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The progress benchmark (not a test: it asserts no timing). Measures
 * {@code GET /api/groups/{id}/progress/current} of a 20-member group with 10⁴, 10⁶ and 10⁷ time
 * logs in the database (see {@link ProgressBenchmarkData}); the goal is at most 1.5× the latency
 * from 10⁴ to 10⁷. Runs only when asked, as it takes many minutes:
 *
 * <pre>
 * mvn -o verify -pl liberty -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ProgressBenchmarkIT -Dlockin.benchmark=true [-Dlockin.benchmark.sizes=10000,1000000]
 * </pre>
 *
 * Prints, for each size, the latency percentiles over HTTP (the whole request: token, membership,
 * view, JSON) and of the service's query alone over JDBC, the table sizes, and
 * {@code EXPLAIN (ANALYZE, BUFFERS)} of that query; also written to
 * {@code liberty/target/progress-benchmark.txt}.
 *
 * <p>At each size it also measures the history endpoints of SPEC §12 over HTTP, on data that is the
 * same at every size: {@code GET /api/groups/{id}/periods?limit=12} of a weekly 20-member group
 * with 12 weeks of logs, and {@code GET /api/me/stats} over 366 days for a person with 3 years of
 * history (goal: at 10⁷ at most 1.5× the 10⁴ figure, each under 50 ms p99).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "lockin.benchmark", matches = "true")
class ProgressBenchmarkIT {

    static final int WARM_UP = 1_000;
    static final int MEASURED = 2_000;
    /** The history endpoints read more per call: fewer calls keep the run short (p99 of 1,000). */
    static final int HISTORY_WARM_UP = 300;
    static final int HISTORY_MEASURED = 1_000;

    /** The query ProgressService runs, its JPA parameter ?1 as JDBC's ?. */
    static final String PROGRESS_QUERY = ProgressService.CURRENT_SQL.replace("?1", "?");
    /** The queries of the history endpoints (SPEC §12), their JPA parameters as JDBC's. */
    static final String PERIODS_QUERY = HistoryService.PERIODS_SQL.replaceAll("\\?\\d", "?");
    static final String STATS_DAYS_QUERY = StatsService.DAYS_SQL.replaceAll("\\?\\d", "?");
    static final String STATS_ZONE = "Europe/Paris";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void progressLatencyFollowsTheCurrentPeriodNotTheHistory() throws Exception {
        long[] sizes = Arrays.stream(System.getProperty("lockin.benchmark.sizes", "10000,1000000,10000000").split(","))
                .map(String::strip).mapToLong(Long::parseLong).toArray();
        TestUser owner = TestUser.named("Benchmark owner");
        TestUser statsPerson = TestUser.named("Benchmark stats person");
        TestUser weeklyOwner = TestUser.named("Benchmark weekly owner");
        String token = owner.token();
        StringBuilder report = new StringBuilder("Progress benchmark: GET /api/groups/{id}/progress/current, 20 members\n");
        try (Connection db = TestEnvironment.database().connect()) {
            ProgressBenchmarkData data = new ProgressBenchmarkData(db);
            UUID group = data.createGroup(owner.id());
            UUID weekly = data.createWeeklyGroup("bench weekly", weeklyOwner.id());
            UUID busyWeekly = data.createWeeklyGroup("bench busy weekly", null);
            data.createStatsPerson(statsPerson.id());
            String path = "/api/groups/" + group + "/progress/current";
            String periodsPath = "/api/groups/" + weekly + "/periods?limit=12";
            String busyPeriodsPath = "/api/groups/" + busyWeekly + "/periods?limit=12";
            LocalDate today = LocalDate.now(ZoneId.of(STATS_ZONE));
            String statsPath = "/api/me/stats?timezone=" + STATS_ZONE + "&from=" + today.minusDays(365) + "&to=" + today;
            for (long size : sizes) {
                long started = System.nanoTime();
                data.growTo(size);
                double generation = (System.nanoTime() - started) / 1e9;
                for (int i = 0; i < WARM_UP; i++) {
                    Api.Reply reply = Api.get(path, token);
                    assertEquals(200, reply.status(), reply::toString);
                    assertEquals(20, reply.array().size());
                }
                long[] http = new long[MEASURED];
                for (int i = 0; i < MEASURED; i++) {
                    long t = System.nanoTime();
                    Api.get(path, token);
                    http[i] = System.nanoTime() - t;
                }
                long[] sql = new long[MEASURED];
                try (PreparedStatement query = db.prepareStatement(PROGRESS_QUERY)) {
                    query.setObject(1, group);
                    for (int i = 0; i < WARM_UP + MEASURED; i++) {
                        long t = System.nanoTime();
                        try (ResultSet rs = query.executeQuery()) {
                            while (rs.next()) {
                                rs.getLong(4);
                            }
                        }
                        if (i >= WARM_UP) {
                            sql[i - WARM_UP] = System.nanoTime() - t;
                        }
                    }
                }
                report.append("\n=== %,d time logs (generated in %.0f s); time_logs %s, its indexes %s ===%n".formatted(
                        data.count(), generation, text(db, "select pg_size_pretty(pg_table_size('time_logs'))"),
                        text(db, "select pg_size_pretty(pg_indexes_size('time_logs'))")));
                report.append("load average: ").append(loadAverage()).append('\n');
                report.append("HTTP  ").append(percentiles(http)).append('\n');
                report.append("query ").append(percentiles(sql)).append('\n');
                report.append("EXPLAIN (ANALYZE, BUFFERS) of the service's query:\n").append(explain(db, group));

                // SPEC §12: 12 weekly periods of a 20-member group, and a 366-day stats range of a
                // person with 3 years of history (the same data at every size)
                report.append("--- GET %s (12 weeks x 20 members who log nowhere else)%n".formatted(
                        periodsPath.replace(weekly.toString(), "{weekly}")));
                report.append("HTTP  ").append(percentiles(latencies(periodsPath, weeklyOwner.token(), reply -> {
                    assertEquals(12, reply.array().size(), reply::toString);
                    assertEquals(20, reply.array().getJsonObject(1).getJsonArray("members").size());
                }))).append('\n');
                report.append("EXPLAIN (ANALYZE, BUFFERS) of its query:\n").append(explainHistory(db, PERIODS_QUERY,
                        weekly, HistoryService.NO_BOUND.atOffset(ZoneOffset.UTC), 12));
                report.append("--- the same for the measured group's 20 members, who also log every hour in it%n"
                        .formatted());
                report.append("HTTP  ").append(percentiles(latencies(busyPeriodsPath, token, reply -> {
                    assertEquals(12, reply.array().size(), reply::toString);
                }))).append('\n');
                report.append("EXPLAIN (ANALYZE, BUFFERS) of its query:\n").append(explainHistory(db, PERIODS_QUERY,
                        busyWeekly, HistoryService.NO_BOUND.atOffset(ZoneOffset.UTC), 12));
                report.append("--- GET %s (3 years of history, 3,288 logs)%n".formatted(statsPath));
                report.append("HTTP  ").append(percentiles(latencies(statsPath, statsPerson.token(), reply -> {
                    assertEquals(366, reply.json().getJsonArray("days").size(), reply::toString);
                    assertEquals(1096, reply.json().getInt("best_streak_days"), reply::toString);
                }))).append('\n');
                report.append("EXPLAIN (ANALYZE, BUFFERS) of its days query:\n").append(explainHistory(db, STATS_DAYS_QUERY,
                        statsPerson.id(), STATS_ZONE, java.sql.Date.valueOf(today.minusDays(365)), java.sql.Date.valueOf(today)));
                report.append("EXPLAIN (ANALYZE, BUFFERS) of its streaks query (all history):\n").append(explainHistory(db,
                        "select * from user_focus_streaks(?, ?)", statsPerson.id(), STATS_ZONE));
                System.out.println(report);
            }
        }
        write(Path.of("target", "progress-benchmark.txt"), report.toString()); // failsafe runs in liberty/
    }

    /** Latencies of {@code HISTORY_MEASURED} GETs after {@code HISTORY_WARM_UP} checked ones. */
    private static long[] latencies(String path, String token, java.util.function.Consumer<Api.Reply> check) {
        for (int i = 0; i < HISTORY_WARM_UP; i++) {
            Api.Reply reply = Api.get(path, token);
            assertEquals(200, reply.status(), reply::toString);
            if (i == 0) {
                check.accept(reply);
            }
        }
        long[] http = new long[HISTORY_MEASURED];
        for (int i = 0; i < HISTORY_MEASURED; i++) {
            long t = System.nanoTime();
            Api.get(path, token);
            http[i] = System.nanoTime() - t;
        }
        return http;
    }

    private static String explainHistory(Connection db, String sql, Object... params) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement s = db.prepareStatement("explain (analyze, buffers) " + sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append("  ").append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    /** The machine's load while measuring (Linux), since other work on it moves the numbers. */
    private static String loadAverage() throws IOException {
        Path load = Path.of("/proc/loadavg");
        return (Files.exists(load) ? Files.readString(load).strip() : "n/a") + " on "
                + Runtime.getRuntime().availableProcessors() + " cores";
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return "p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  mean %.2f ms  max %.2f ms  (n=%d)".formatted(
                at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), mean, sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }

    private static String explain(Connection db, UUID group) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement s = db.prepareStatement("explain (analyze, buffers) " + PROGRESS_QUERY)) {
            s.setObject(1, group);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append("  ").append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    private static String text(Connection db, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
