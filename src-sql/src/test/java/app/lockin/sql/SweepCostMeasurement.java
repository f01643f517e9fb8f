package app.lockin.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

/**
 * Hand-run measurement (not part of the suite: the name does not end in Test): what the forgotten-session
 * sweep costs every session read when it finds nothing, with 200,000 stopped and 1,000 running
 * sessions. Run with
 * {@code mvn -o -q test -pl src-sql -Dtest=SweepCostMeasurement -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the lines starting with PLAN.
 */
class SweepCostMeasurement {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();

    @Test
    void measure() {
        UUID host = db.profile();
        db.update("""
                insert into sessions (group_id, creator_id, status, started_at, ended_at, closed_run_micros)
                select null, ?, 'stopped', t, t + interval '1 hour', 3600000000
                  from generate_series(timestamptz '2020-01-01', timestamptz '2020-01-01' + interval '199999 minutes',
                                       interval '1 minute') t""", host);
        db.update("""
                insert into sessions (group_id, creator_id, status, started_at, running_since)
                select null, ?, 'running', now() - interval '1 hour', now() - interval '1 hour'
                  from generate_series(1, 1000)""", host);
        db.update("analyze sessions");
        String sweep = "select * from stop_forgotten_sessions(interval 'PT12H', now(), 't', 'b')";
        for (int i = 0; i < 3; i++) {
            db.query(sweep);
        }
        db.query("explain (analyze, buffers) " + sweep).forEach(r -> System.out.println("PLAN " + r[0]));
        db.query("""
                explain (analyze, buffers) select se.id from sessions se
                 where se.status = 'running' and se.running_since <= now() - interval '12 hours' for update""")
                .forEach(r -> System.out.println("PLAN " + r[0]));
        long t = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            db.query(sweep);
        }
        System.out.println("PLAN 1000 sweeps finding nothing, over JDBC: " + (System.nanoTime() - t) / 1_000_000 + " ms");
    }
}
