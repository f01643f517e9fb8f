-- LockIN schema, part 5: what a session needs to report its running time (SPEC §7), and the
-- clock hook as the default of the session tables' timestamps.

-- ---------------------------------------------------------------------------------------------
-- A session's focused_seconds is "the sum of its running intervals, the current one up to now".
-- It cannot be derived from time logs: the host may leave and rejoin, and manual logs fill any
-- window of the session, pauses included. So the session keeps its own account:
--   running_since      the start of the current running interval; set exactly while running
--   closed_run_micros  the length of its finished running intervals, in microseconds (the
--                      precision of timestamptz), added when the session pauses or stops
-- focused time = closed_run_micros + (now - running_since when running).
alter table sessions
    add column running_since     timestamptz null,
    add column closed_run_micros bigint      not null default 0;

-- Sessions written before this migration: the host's logs are the best record of the running
-- intervals (exact unless the host left, or added manual logs, before this version existed).
update sessions s
   set running_since = coalesce(
           (select max(l.started_at)
              from time_logs l join session_participants p on p.id = l.participant_id
             where p.session_id = s.id and p.role = 'host' and l.ended_at is null),
           s.started_at)
 where s.status = 'running';

update sessions s
   set closed_run_micros = coalesce(
           (select floor(extract(epoch from sum(l.ended_at - l.started_at)) * 1000000)::bigint
              from time_logs l join session_participants p on p.id = l.participant_id
             where p.session_id = s.id and p.role = 'host' and l.ended_at is not null),
           0)
 where s.status <> 'created';

-- Named sessions_timekeeping_*: PostgreSQL checks CHECK constraints in name order, so a status
-- without its timestamps still reports sessions_status_timestamps first.
alter table sessions
    add constraint sessions_timekeeping_running check ((status = 'running') = (running_since is not null)),
    add constraint sessions_timekeeping_since_start check (running_since >= started_at),
    add constraint sessions_timekeeping_micros check (closed_run_micros >= 0);

-- ---------------------------------------------------------------------------------------------
-- The instants these tables record by default follow the clock hook (V2, lockin_now()), so that
-- a test that travels in time sees sessions, participations and logs created "then". Production
-- never sets lockin.now: there this is now(), as before.
alter table sessions alter column created_at set default lockin_now();
alter table session_participants alter column joined_at set default lockin_now();
alter table time_logs alter column created_at set default lockin_now();
