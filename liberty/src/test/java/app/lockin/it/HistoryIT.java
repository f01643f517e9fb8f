package app.lockin.it;

import app.lockin.it.Fixtures.GroupSpec;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static app.lockin.it.Fixtures.assertFieldProblem;
import static app.lockin.it.Fixtures.assertProblem;
import static app.lockin.it.SessionCalls.expect;
import static app.lockin.it.SessionCalls.inGroup;
import static app.lockin.it.SessionCalls.logged;
import static app.lockin.it.SessionCalls.ok;
import static app.lockin.it.SessionCalls.personal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/groups/{id}/periods} and {@code GET /api/me/stats} over HTTP (SPEC §12): shape,
 * order, paging, DST days, defaults and the refusals. The period and day arithmetic is proved
 * property by property at SQL level (PeriodHistoryProperties, FocusStatsProperties).
 */
@ExtendWith(ArquillianExtension.class)
class HistoryIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @AfterEach
    void realTimeAgain() {
        TestClock.release();
    }

    @Test
    void periodsNewestFirstWithEveryMemberOrderedAndAllMet() {
        TestUser ann = TestUser.named("Ann");
        TestUser bob = TestUser.named("Bob");
        TestUser cal = TestUser.named("Cal");
        Instant start = Instant.parse("2026-06-07T12:00:00Z");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 30).window(start, Fixtures.WIDE_END), ann, bob, cal);
        TestClock.pin(Instant.parse("2026-06-08T00:00:00Z"));
        UUID session = inGroup(ann.token(), group);
        ok(bob.token(), session, "join");
        ok(cal.token(), session, "join");
        ok(ann.token(), session, "start");
        ok(ann.token(), session, "pause");
        TestClock.pin(Instant.parse("2026-06-10T12:00:00Z"));
        for (TestUser who : List.of(ann, bob, cal)) { // 8 June: everyone 40 minutes
            logged(who.token(), session, Instant.parse("2026-06-08T08:00:00Z"), Instant.parse("2026-06-08T08:40:00Z"));
        }
        logged(bob.token(), session, Instant.parse("2026-06-09T08:00:00Z"), Instant.parse("2026-06-09T08:50:00Z"));
        logged(ann.token(), session, Instant.parse("2026-06-09T08:00:00Z"), Instant.parse("2026-06-09T08:10:00Z"));

        JsonArray periods = expect(200, cal.get("/api/groups/" + group + "/periods")).array();
        assertEquals(List.of("2026-06-10T00:00:00Z", "2026-06-09T00:00:00Z", "2026-06-08T00:00:00Z", "2026-06-07T12:00:00Z"),
                periods.stream().map(p -> p.asJsonObject().getString("period_start")).toList(), "down to the clamped first");
        JsonObject today = periods.getJsonObject(0);
        assertTrue(today.getBoolean("is_current"));
        assertEquals("2026-06-11T00:00:00Z", today.getString("period_end"));
        assertEquals(List.of("Ann", "Bob", "Cal"), names(today), "ties by display name");
        JsonObject ninth = periods.getJsonObject(1);
        assertFalse(ninth.getBoolean("is_current"));
        assertFalse(ninth.getBoolean("all_met"));
        assertEquals(List.of("Bob", "Ann", "Cal"), names(ninth), "most seconds first");
        JsonObject bob9 = ninth.getJsonArray("members").getJsonObject(0);
        assertEquals(3000, bob9.getJsonNumber("seconds_done").longValue());
        assertEquals(30, bob9.getInt("target_minutes"));
        assertTrue(bob9.getBoolean("goal_met"));
        assertEquals(bob.id().toString(), bob9.getString("user_id"));
        assertTrue(periods.getJsonObject(2).getBoolean("all_met"));

        JsonArray page = expect(200, cal.get("/api/groups/" + group + "/periods?limit=2&before=2026-06-09T00:00:00Z")).array();
        assertEquals(List.of("2026-06-08T00:00:00Z", "2026-06-07T12:00:00Z"),
                page.stream().map(p -> p.asJsonObject().getString("period_start")).toList());
        // a new target judges the past at once
        Fixtures.overrideTarget(ann, group, bob, 60);
        assertFalse(cal.get("/api/groups/" + group + "/periods?limit=2").array().getJsonObject(1)
                .getJsonArray("members").getJsonObject(0).getBoolean("goal_met"));
    }

    @Test
    void periodsOfAGroupNotStartedAreNoneAndBadQueriesAreRefused() {
        TestUser ann = TestUser.named("Ann");
        UUID group = Fixtures.groupId(GroupSpec.weekly("UTC", 60).window(Instant.parse("2026-07-01T00:00:00Z"),
                Instant.parse("2026-08-01T00:00:00Z")), ann);
        TestClock.pin(Instant.parse("2026-06-10T12:00:00Z"));
        String p = "/api/groups/" + group + "/periods";
        assertEquals(0, expect(200, ann.get(p)).array().size());
        for (String query : List.of("?limit=0", "?limit=53", "?limit=x", "?limit=")) {
            assertFieldProblem(ann.get(p + query), "validation_failed", "limit");
        }
        assertFieldProblem(ann.get(p + "?before=2026-06-10"), "validation_failed", "before");
        assertProblem(TestUser.named("Mallory").get(p), 404, "not_found");
        assertProblem(ann.get("/api/groups/not-a-uuid/periods"), 404, "not_found");
    }

    @Test
    void statsCountEveryLogPerLocalDayWithDstDaysExactly() {
        String ny = "America/New_York";
        TestUser ann = TestUser.named("Ann");
        UUID group = Fixtures.groupId(GroupSpec.daily("UTC", 30), ann);
        TestClock.pin(local(ny, "2026-03-06T00:00"));
        UUID mine = personal(ann.token());
        ok(ann.token(), mine, "start");
        ok(ann.token(), mine, "pause");
        UUID ours = inGroup(ann.token(), group);
        ok(ann.token(), ours, "start");
        ok(ann.token(), ours, "pause");
        TestClock.pin(local(ny, "2026-03-10T12:00"));
        logged(ann.token(), mine, local(ny, "2026-03-07T10:00"), local(ny, "2026-03-07T10:30"));
        logged(ann.token(), ours, local(ny, "2026-03-07T11:00"), local(ny, "2026-03-07T11:00").plusSeconds(61));
        logged(ann.token(), mine, local(ny, "2026-03-08T00:00"), local(ny, "2026-03-09T00:00")); // the 23-hour day
        logged(ann.token(), ours, local(ny, "2026-03-09T23:00"), local(ny, "2026-03-10T01:00"));

        JsonObject stats = expect(200, ann.get("/api/me/stats?from=2026-03-06&to=2026-03-10&timezone=" + ny)).json();
        assertEquals(ny, stats.getString("timezone"));
        assertEquals("2026-03-06", stats.getString("from"));
        assertEquals("2026-03-10", stats.getString("to"));
        assertEquals(List.of(0L, 1800L + 61, 23 * 3600L, 3600L, 3600L), seconds(stats));
        assertEquals(List.of("2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"),
                stats.getJsonArray("days").stream().map(d -> d.asJsonObject().getString("date")).toList());
        assertEquals(1861 + 23 * 3600 + 7200, stats.getJsonNumber("total_seconds").longValue());
        assertEquals(23 * 3600, stats.getJsonNumber("longest_log_seconds").longValue());
        assertEquals(4, stats.getInt("current_streak_days"), "7th to 10th");
        assertEquals(4, stats.getInt("best_streak_days"));

        JsonObject utcDefault = expect(200, ann.get("/api/me/stats")).json();
        assertEquals("UTC", utcDefault.getString("timezone"));
        assertEquals("2026-03-04", utcDefault.getString("from"), "today in UTC and the 6 days before");
        assertEquals("2026-03-10", utcDefault.getString("to"));
        assertEquals(7, utcDefault.getJsonArray("days").size());
        assertEquals("2026-03-07", expect(200, ann.get("/api/me/stats?from=2026-03-01")).json().getString("to"));
        assertEquals("2026-03-04", expect(200, ann.get("/api/me/stats?to=2026-03-10")).json().getString("from"));
        assertEquals(366, expect(200, ann.get("/api/me/stats?from=2025-03-11&to=2026-03-11")).json().getJsonArray("days").size());
    }

    @Test
    void badStatsQueriesAreRefused() {
        TestUser ann = TestUser.named("Ann");
        assertFieldProblem(ann.get("/api/me/stats?timezone=Mars/Olympus"), "validation_failed", "timezone");
        assertFieldProblem(ann.get("/api/me/stats?timezone="), "validation_failed", "timezone");
        assertFieldProblem(ann.get("/api/me/stats?timezone=EST"), "validation_failed", "timezone");
        assertFieldProblem(ann.get("/api/me/stats?from=2026-02-30"), "validation_failed", "from");
        assertFieldProblem(ann.get("/api/me/stats?to=10/03/2026"), "validation_failed", "to");
        assertFieldProblem(ann.get("/api/me/stats?from=2026-03-10&to=2026-03-09"), "validation_failed", "from");
        assertFieldProblem(ann.get("/api/me/stats?from=2025-03-09&to=2026-03-10"), "validation_failed", "to");
    }

    private static List<String> names(JsonObject period) {
        return period.getJsonArray("members").stream().map(m -> m.asJsonObject().getString("display_name")).toList();
    }

    private static List<Long> seconds(JsonObject stats) {
        return stats.getJsonArray("days").stream().map(d -> d.asJsonObject().getJsonNumber("seconds").longValue()).toList();
    }

    private static Instant local(String zone, String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZoneId.of(zone)).toInstant();
    }
}
