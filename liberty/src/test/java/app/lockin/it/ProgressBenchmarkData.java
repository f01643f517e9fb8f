package app.lockin.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The data generator of the progress benchmark (SPEC §3: the race view must cost what the current
 * period holds, not what history holds). It builds, with plain SQL on a migrated database:
 *
 * <ul>
 *   <li>the measured group: 20 members (daily, UTC, 60-minute target), a running session of that
 *       group with four 10-minute logs per member in the current period and an open log for every
 *       other member;</li>
 *   <li>history, grown on demand to a total number of time logs: half of it the 20 members' own
 *       past logs (in a stopped session of the same group, so neither the user nor the group
 *       filters them out: only the period does), half the past logs of 2,000 other people in 200
 *       other groups.</li>
 * </ul>
 *
 * History is written with one {@code INSERT … SELECT generate_series} per chunk, with the
 * application's triggers switched off for the session ({@code session_replication_role = replica};
 * it needs a superuser, as the test database's user is): at 10⁷ rows the per-row triggers would
 * dominate the run. The rows are generated consistent with what those triggers enforce (owner
 * columns copied from the participation, every log inside its stopped session, 30-minute logs one
 * hour apart so no person's logs overlap); the constraints and indexes, the exclusion constraint
 * included, stay enforced. The current-period rows go through the triggers.
 *
 * <p>For the history benchmarks (SPEC §12, {@link #createWeeklyGroup} and {@link #createStatsPerson}):
 * weekly groups of 20 members with 12 weeks of logs of their own (3 logs of 20 minutes a day each,
 * in the second half of the hours, so they never meet the hourly history), one of 20 people who
 * log nowhere else and one of the measured group's members; and a person with 3 years of personal
 * logs (3 logs of 40 minutes a day). They are the same at every size: only the rest of the table
 * grows (and, for the second weekly group, its members' hourly logs in the other group).
 *
 * <p>Also runnable alone against any migrated database:
 * {@code java … ProgressBenchmarkData <jdbc-url> <user> <password> <total-logs>}.
 */
final class ProgressBenchmarkData {

    static final int MEMBERS = 20;
    static final int OTHER_PEOPLE = 2_000;
    static final int OTHER_GROUPS = 200;
    private static final long CHUNK_ROWS = 1_000_000;

    private final Connection db;

    ProgressBenchmarkData(Connection db) {
        this.db = db;
    }

    public static void main(String[] args) throws SQLException {
        if (args.length != 4) {
            System.err.println("usage: ProgressBenchmarkData <jdbc-url> <user> <password> <total-logs>");
            System.exit(2);
        }
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            ProgressBenchmarkData data = new ProgressBenchmarkData(c);
            UUID group = data.createGroup(null);
            data.growTo(Long.parseLong(args[3]));
            System.out.println("group " + group + ": " + data.count() + " time logs");
        }
    }

    /**
     * The measured group and its current period; {@code owner} (a provisioned API user, or null for a
     * generated person) is the first of the 20 members. Returns the group id.
     */
    UUID createGroup(UUID owner) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("""
                    create table bench_members as
                    select n, id from (
                        select 1 as n, ?::uuid as id where ?::uuid is not null
                    ) given""".replace("?::uuid", owner == null ? "null::uuid" : "'" + owner + "'::uuid"));
            s.execute("""
                    insert into profiles (display_name)
                    select 'bench member ' || n from generate_series(1, 20) n
                     where n > (select count(*) from bench_members)""");
            s.execute("""
                    insert into bench_members (n, id)
                    select substring(display_name from 14)::int, id from profiles where display_name like 'bench member %'""");
            s.execute("""
                    insert into groups (owner_id, name, start_at, end_at, timezone, period, period_target_minutes)
                    select id, 'benchmark group', '1990-01-01', '2100-01-01', 'UTC', 'daily', 60
                      from bench_members where n = 1""");
            s.execute("create table bench_group as select id from groups where name = 'benchmark group'");
            // history ends before yesterday's midnight, fixed once so that growing later never overlaps
            s.execute("create table bench_state (base timestamptz not null, members_per_person bigint not null, "
                    + "others_per_person bigint not null)");
            s.execute("insert into bench_state values (date_trunc('day', now()) - interval '1 day', 0, 0)");
        }
        UUID group = single("select id from bench_group", UUID.class);
        try (Statement s = db.createStatement()) {
            s.execute("""
                    insert into group_members (group_id, user_id, role)
                    select (select id from bench_group), id, case n when 1 then 'owner' else 'member' end from bench_members""");
            // history: one stopped session of the group, every member a participant
            s.execute("""
                    insert into sessions (group_id, creator_id, status, started_at, ended_at, created_at)
                    select (select id from bench_group), id, 'stopped', '1990-01-01', (select base from bench_state),
                           '1990-01-01'
                      from bench_members where n = 1""");
            s.execute("""
                    create table bench_history as
                    select m.n, m.id as user_id, s.id as session_id, s.group_id
                      from bench_members m cross join sessions s
                     where s.group_id = (select id from bench_group) and s.status = 'stopped'""");
            s.execute("""
                    insert into session_participants (session_id, user_id, role, joined_at)
                    select session_id, user_id, case n when 1 then 'host' else 'participant' end, '1990-01-01'
                      from bench_history""");
            s.execute("alter table bench_history add column participant_id uuid");
            s.execute("""
                    update bench_history h set participant_id = p.id
                      from session_participants p where p.session_id = h.session_id and p.user_id = h.user_id""");
            // the current period: a running session since the start of today (or an hour ago, just after midnight)
            s.execute("""
                    insert into sessions (group_id, creator_id, status, started_at, running_since, created_at)
                    select (select id from bench_group), id, 'running', least(date_trunc('day', now()), now() - interval '1 hour'),
                           least(date_trunc('day', now()), now() - interval '1 hour'), now()
                      from bench_members where n = 1""");
            s.execute("""
                    insert into session_participants (session_id, user_id, role, joined_at)
                    select s.id, m.id, case m.n when 1 then 'host' else 'participant' end, s.started_at
                      from bench_members m cross join sessions s
                     where s.group_id = (select id from bench_group) and s.status = 'running'""");
            s.execute("""
                    insert into time_logs (participant_id, started_at, ended_at)
                    select p.id, now() - (j * 12 + 12) * interval '1 minute' - m.n * interval '1 second',
                           now() - (j * 12 + 2) * interval '1 minute' - m.n * interval '1 second'
                      from session_participants p
                      join sessions s on s.id = p.session_id and s.status = 'running' and s.group_id = (select id from bench_group)
                      join bench_members m on m.id = p.user_id
                     cross join generate_series(0, 3) j""");
            s.execute("""
                    insert into time_logs (participant_id, started_at)
                    select p.id, now() - interval '1 minute'
                      from session_participants p
                      join sessions s on s.id = p.session_id and s.status = 'running' and s.group_id = (select id from bench_group)
                      join bench_members m on m.id = p.user_id
                     where m.n % 2 = 0""");
            createOtherPeople(s);
        }
        return group;
    }

    /**
     * A weekly group (UTC, 600 minutes) named {@code name} with 12 weeks of its own logs before the
     * base instant: every day, 3 logs of 20 minutes per member at :35 of 08, 13 and 19 h. Its 20
     * members are the measured group's (who also log every hour in that group, {@code owner} null),
     * or {@code owner} (a provisioned API user) and 19 new people who log nowhere else. Written
     * through the triggers (5,040 logs). Returns the group id.
     */
    UUID createWeeklyGroup(String name, UUID owner) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("drop table if exists bench_weekly_members");
            if (owner == null) {
                s.execute("create table bench_weekly_members as select n, id from bench_members");
            } else {
                s.execute("create table bench_weekly_members as select 1 as n, '%s'::uuid as id".formatted(owner));
                s.execute("""
                        insert into profiles (display_name)
                        select '%s member ' || n from generate_series(2, 20) n""".formatted(name));
                s.execute("""
                        insert into bench_weekly_members (n, id)
                        select substring(display_name from %d)::int, id from profiles where display_name like '%s member %%'"""
                        .formatted(name.length() + 9, name));
            }
            s.execute("""
                    insert into groups (owner_id, name, start_at, end_at, timezone, period, period_target_minutes)
                    select id, '%s', '1990-01-01', '2100-01-01', 'UTC', 'weekly', 600
                      from bench_weekly_members where n = 1""".formatted(name));
            s.execute("""
                    insert into group_members (group_id, user_id, role)
                    select g.id, m.id, case m.n when 1 then 'owner' else 'member' end
                      from bench_weekly_members m cross join groups g where g.name = '%s'""".formatted(name));
            s.execute("""
                    insert into sessions (group_id, creator_id, status, started_at, ended_at, created_at)
                    select g.id, m.id, 'stopped', '1990-01-01', (select base from bench_state), '1990-01-01'
                      from bench_weekly_members m cross join groups g where g.name = '%s' and m.n = 1""".formatted(name));
            s.execute("""
                    insert into session_participants (session_id, user_id, role, joined_at)
                    select s.id, m.id, case m.n when 1 then 'host' else 'participant' end, '1990-01-01'
                      from bench_weekly_members m cross join sessions s join groups g on g.id = s.group_id
                     where g.name = '%s'""".formatted(name));
            s.execute("""
                    insert into time_logs (participant_id, started_at, ended_at)
                    select p.id, b.base - d * interval '1 day' + h * interval '1 hour' + interval '35 minutes',
                           b.base - d * interval '1 day' + h * interval '1 hour' + interval '55 minutes'
                      from session_participants p
                      join sessions s on s.id = p.session_id
                      join groups g on g.id = s.group_id and g.name = '%s'
                     cross join bench_state b cross join generate_series(1, 84) d cross join unnest(array[8, 13, 19]) h"""
                    .formatted(name));
        }
        return single("select id from groups where name = '" + name + "'", UUID.class);
    }

    /**
     * 3 years of personal focus for {@code person} (a provisioned API user): a stopped personal
     * session and, on each of the 1,096 days before the base instant, 3 logs of 40 minutes (07:00,
     * 12:00, 21:00 UTC). Written through the triggers (3,288 rows).
     */
    void createStatsPerson(UUID person) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("""
                insert into sessions (creator_id, status, started_at, ended_at, created_at)
                select ?, 'stopped', base - interval '1100 days', base, base - interval '1100 days' from bench_state""")) {
            s.setObject(1, person);
            s.execute();
        }
        try (PreparedStatement s = db.prepareStatement("""
                insert into session_participants (session_id, user_id, role, joined_at)
                select id, creator_id, 'host', started_at from sessions where creator_id = ? and group_id is null""")) {
            s.setObject(1, person);
            s.execute();
        }
        try (PreparedStatement s = db.prepareStatement("""
                insert into time_logs (participant_id, started_at, ended_at)
                select p.id, b.base - d * interval '1 day' + h * interval '1 hour',
                       b.base - d * interval '1 day' + h * interval '1 hour' + interval '40 minutes'
                  from session_participants p cross join bench_state b
                 cross join generate_series(1, 1096) d cross join unnest(array[7, 12, 21]) h
                 where p.user_id = ?""")) {
            s.setObject(1, person);
            s.execute();
        }
    }

    /** 2,000 other people in 200 other groups, each with a stopped session holding their history. */
    private static void createOtherPeople(Statement s) throws SQLException {
        s.execute("""
                insert into profiles (display_name)
                select 'bench other ' || n from generate_series(1, %d) n""".formatted(OTHER_PEOPLE));
        s.execute("""
                create table bench_others as
                select substring(display_name from 13)::int as n, id from profiles where display_name like 'bench other %'""");
        s.execute("""
                insert into groups (owner_id, name, start_at, end_at, timezone, period, period_target_minutes)
                select o.id, 'bench other group ' || o.n, '1990-01-01', '2100-01-01', 'Europe/Paris', 'weekly', 300
                  from bench_others o where o.n <= %d""".formatted(OTHER_GROUPS));
        s.execute("""
                create table bench_other_history as
                select o.n, o.id as user_id, g.id as group_id
                  from bench_others o
                  join groups g on g.name = 'bench other group ' || (1 + (o.n - 1) %% %d)""".formatted(OTHER_GROUPS));
        s.execute("""
                insert into group_members (group_id, user_id, role)
                select group_id, user_id, case when n <= %d then 'owner' else 'member' end from bench_other_history"""
                .formatted(OTHER_GROUPS));
        s.execute("""
                insert into sessions (group_id, creator_id, status, started_at, ended_at, created_at)
                select group_id, user_id, 'stopped', '1990-01-01', (select base from bench_state), '1990-01-01'
                  from bench_other_history""");
        s.execute("alter table bench_other_history add column session_id uuid, add column participant_id uuid");
        s.execute("""
                update bench_other_history h set session_id = s.id
                  from sessions s where s.creator_id = h.user_id and s.group_id = h.group_id""");
        s.execute("""
                insert into session_participants (session_id, user_id, role, joined_at)
                select session_id, user_id, 'host', '1990-01-01' from bench_other_history""");
        s.execute("""
                update bench_other_history h set participant_id = p.id
                  from session_participants p where p.session_id = h.session_id""");
    }

    /** Adds history until the database holds about {@code total} time logs (to within 20 rows). */
    void growTo(long total) throws SQLException {
        long missing = total - count();
        if (missing <= 0) {
            return;
        }
        long perOther = missing / 2 / OTHER_PEOPLE;
        long perMember = (missing - perOther * OTHER_PEOPLE) / MEMBERS; // the members take the rounding
        long[] done = single2("select members_per_person, others_per_person from bench_state");
        try (Statement s = db.createStatement()) {
            s.execute("set session_replication_role = replica");
            try {
                insertHistory(s, "bench_history", MEMBERS, done[0], done[0] + perMember);
                insertHistory(s, "bench_other_history", OTHER_PEOPLE, done[1], done[1] + perOther);
            } finally {
                s.execute("set session_replication_role = origin");
            }
            s.execute("update bench_state set members_per_person = %d, others_per_person = %d"
                    .formatted(done[0] + perMember, done[1] + perOther));
            s.execute("vacuum analyze time_logs");
        }
    }

    /**
     * Logs number {@code from + 1} to {@code to} of every person of {@code people}: log k starts k
     * hours before the base instant (yesterday's midnight when the data was created) and lasts 30
     * minutes. Ids are made of (person, k) so that
     * they arrive in index order.
     */
    private static void insertHistory(Statement s, String people, int count, long from, long to) throws SQLException {
        long perChunk = Math.max(1, CHUNK_ROWS / count);
        for (long start = from; start < to; start += perChunk) {
            long end = Math.min(to, start + perChunk);
            s.execute("""
                    insert into time_logs (id, participant_id, user_id, session_id, group_id, started_at, ended_at, created_at)
                    select (lpad(to_hex(h.n + %d), 12, '0') || lpad(to_hex(k), 20, '0'))::uuid,
                           h.participant_id, h.user_id, h.session_id, h.group_id,
                           b.base - k * interval '1 hour',
                           b.base - k * interval '1 hour' + interval '30 minutes',
                           b.base - k * interval '1 hour' + interval '30 minutes'
                      from %s h cross join bench_state b cross join generate_series(%d, %d) k
                     order by h.n, k""".formatted(people.equals("bench_history") ? 0 : 1_000_000, people, start + 1, end));
        }
    }

    long count() throws SQLException {
        return single("select count(*) from time_logs", Long.class);
    }

    private <T> T single(String sql, Class<T> type) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getObject(1, type);
        }
    }

    private long[] single2(String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }
}
