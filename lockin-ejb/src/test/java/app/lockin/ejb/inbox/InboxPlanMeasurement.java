package app.lockin.ejb.inbox;

import app.lockin.sql.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures the inbox page query ({@link InboxService#pageSql}, the service's own SQL) for one
 * person with 1,000,000 notifications (and 1,000,000 of other people) on the embedded
 * PostgreSQL with every migration applied: EXPLAIN (ANALYZE, BUFFERS) of the first page and of
 * a deep page, all and unread only, with the custom plan and the generic plan a long-lived
 * prepared statement ends up with. Prints the plans and writes them to
 * {@code target/inbox-plans.txt}.
 *
 * <p>Not part of the build (the name matches none of surefire's patterns; it takes a minute or
 * two to fill the table). Run by hand:
 * <pre>mvn -o test -pl lockin-ejb -am -Dtest=InboxPlanMeasurement -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class InboxPlanMeasurement {

    private static final int NOTIFICATIONS = 1_000_000;
    private static final int LIMIT = 20;

    @Test
    void theInboxStaysAnIndexRangeScanAtAnyDepth() throws Exception {
        StringBuilder report = new StringBuilder();
        try (Connection c = TestDatabase.migratedDatabase().connect(); Statement s = c.createStatement()) {
            Instant start = Instant.now();
            UUID heavy = fill(s);
            report.append("filled in ").append(Duration.between(start, Instant.now()).toSeconds()).append(" s\n");
            report.append(single(s, "select count(*) || ' notifications, ' || count(*) filter (where read_at is null) "
                    + "|| ' unread, for the measured user' from notifications where recipient_id = '" + heavy + "'")).append('\n');
            report.append(single(s, "select count(*) || ' notifications in the table' from notifications")).append('\n');

            for (boolean unread : new boolean[]{false, true}) {
                String filter = unread ? " and read_at is null" : "";
                // the cursor of a deep page: the row 90% of the way down this person's inbox
                int depth = (int) (Long.parseLong(single(s, "select count(*) from notifications where recipient_id = '"
                        + heavy + "'" + filter)) * 9 / 10);
                String cursor = single(s, "select created_at || '|' || id from notifications where recipient_id = '"
                        + heavy + "'" + filter + " order by created_at desc, id desc offset " + depth + " limit 1");
                String[] parts = cursor.split("\\|");
                for (String planMode : new String[]{"force_custom_plan", "force_generic_plan"}) {
                    s.execute("set plan_cache_mode = " + planMode);
                    report.append(explain(s, "first page, " + (unread ? "unread" : "all") + ", " + planMode,
                            InboxService.pageSql(unread, false), "uuid, int",
                            "'" + heavy + "', " + (LIMIT + 1)));
                    report.append(explain(s, "deep page (after row " + depth + "), " + (unread ? "unread" : "all") + ", "
                                    + planMode, InboxService.pageSql(unread, true), "uuid, int, timestamptz, uuid",
                            "'" + heavy + "', " + (LIMIT + 1) + ", '" + parts[0] + "', '" + parts[1] + "'"));
                }
            }
            s.execute("set plan_cache_mode = auto");
            // for contrast only (the API never does this): the same deep page by OFFSET
            report.append(explain(s, "for contrast, NOT the API: the deep page by OFFSET 900000",
                    InboxService.pageSql(false, false) + " offset 900000", "uuid, int", "'" + heavy + "', " + (LIMIT + 1)));
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "inbox-plans.txt"), report);
        assertFalse(report.toString().contains("Sort"), "the pages are read in index order, never sorted");
        assertTrue(report.toString().contains("Index Scan using notifications_inbox_idx"));
        assertTrue(report.toString().contains("Index Scan using notifications_inbox_unread_idx"));
    }

    /** 1,000,000 notifications for one person (every 10th unread, pairs sharing created_at), as many for 1,000 others. */
    private static UUID fill(Statement s) throws SQLException {
        s.execute("insert into profiles (display_name) select 'person ' || i from generate_series(1, 1001) i");
        UUID heavy = UUID.fromString(single(s, "select id from profiles order by display_name limit 1"));
        s.execute("""
                insert into notifications (recipient_id, kind, status, title, body, created_at, read_at)
                select '%s', 'generic', case when i %% 10 = 0 then 'unread' else 'read' end, 'Title ' || i, 'Body',
                       timestamptz '2024-01-01 00:00:00+00' + (i / 2) * interval '1 second' + (i %% 7) * interval '1 microsecond',
                       case when i %% 10 = 0 then null else timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second' end
                  from generate_series(1, %d) i""".formatted(heavy, NOTIFICATIONS));
        s.execute("""
                insert into notifications (recipient_id, kind, status, title, created_at)
                select p.id, 'generic', 'unread', 'Other ' || i, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second'
                  from generate_series(1, %d) i
                  join (select id, row_number() over (order by id) - 1 as n from profiles where id <> '%s') p
                    on p.n = i %% 1000""".formatted(NOTIFICATIONS, heavy));
        s.execute("vacuum analyze notifications");
        return heavy;
    }

    private static String explain(Statement s, String title, String sql, String types, String args) throws SQLException {
        String prepared = sql.replaceAll("\\?(\\d)", "\\$$1");
        s.execute("deallocate all");
        s.execute("prepare inbox_page(" + types + ") as " + prepared);
        StringBuilder plan = new StringBuilder("\n=== " + title + "\n" + sql + "\n");
        try (ResultSet rs = s.executeQuery("explain (analyze, buffers) execute inbox_page(" + args + ")")) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static {
        try {
            Files.createDirectories(Path.of("target"));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
