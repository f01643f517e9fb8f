package app.lockin.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Seeds the benchmark's people through the API, as phones would: every person calls
 * {@code GET /api/me} (which provisions the profile), the first of each group creates it (daily,
 * 8 h target, Europe/Paris) and adds the others ({@code POST /api/groups/{id}/members}), then every
 * member creates a session of the group and starts it, so the whole group is focusing. Each run
 * makes new people (their subjects carry the run's id), so runs never share state.
 */
final class Seeder {

    /** One seeded person: their token, profile, group and the running session they host. */
    record SeededUser(String token, String userId, String groupId, String sessionId) {
        Map<String, Object> asFeederRecord() {
            return Map.of("token", token, "userId", userId, "groupId", groupId, "sessionId", sessionId);
        }
    }

    private final ApiClient api;
    private final DevSigner signer;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    Seeder(ApiClient api, DevSigner signer) {
        this.api = api;
        this.signer = signer;
    }

    /** {@code groups} groups of {@code members}, seeded 8 groups at a time. */
    List<SeededUser> seed(int groups, int members, Duration tokenLifetime) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, groups));
        try {
            List<Future<List<SeededUser>>> futures = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                int group = g;
                futures.add(pool.submit(() -> seedGroup(group, members, tokenLifetime)));
            }
            List<SeededUser> all = new ArrayList<>();
            for (Future<List<SeededUser>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<SeededUser> seedGroup(int g, int members, Duration tokenLifetime) {
        List<String> tokens = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            String token = signer.token("load-" + runId + "-g" + g + "-m" + m, "Load " + g + "." + m, tokenLifetime);
            tokens.add(token);
            ids.add(api.get(token, "/api/me", 200).get("id").asText());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode group = api.post(tokens.get(0), "/api/groups", Map.of(
                "name", "Load " + runId + " " + g,
                "start_at", now.minus(Duration.ofDays(1)).toString(),
                "end_at", now.plus(Duration.ofDays(30)).toString(),
                "period", "daily",
                "period_target_minutes", 480,
                "timezone", "Europe/Paris"), 201);
        String groupId = group.get("id").asText();
        for (int m = 1; m < members; m++) {
            api.post(tokens.get(0), "/api/groups/" + groupId + "/members", Map.of("user_id", ids.get(m)), 201);
        }
        List<SeededUser> seeded = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            String sessionId = api.post(tokens.get(m), "/api/sessions", Map.of("group_id", groupId), 201)
                    .get("id").asText();
            api.post(tokens.get(m), "/api/sessions/" + sessionId + ":start", null, 200);
            seeded.add(new SeededUser(tokens.get(m), ids.get(m), groupId, sessionId));
        }
        return seeded;
    }
}
