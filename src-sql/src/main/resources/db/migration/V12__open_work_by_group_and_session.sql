-- Two lookups of what runs now that cost what everybody focusing anywhere holds, found in the load
-- benchmark (1,000 people focusing in 50 groups) with pg_stat_statements; each now costs what its
-- group or session holds.

-- The race snapshot (ProgressService.SNAPSHOT_SQL) reads the earliest run start among its group's
-- running sessions, which bounds how long the snapshot stays true (a run reaching
-- LOCKIN_SESSION_MAX_RUN is stopped by the database). The plan PostgreSQL kept for it walked every
-- running session of every group in run-start order (sessions_running_since_idx, V10_1) until it
-- met one of the group's (700 entries, 1.6 ms of a 12 ms rebuild), or, on other data, every
-- session the group ever had, filtered by status.
create index sessions_running_by_group_idx on sessions (group_id, running_since) where status = 'running';

-- Closing a session's open logs (a pause or stop: FocusTime, stop_session_at of V10) looked them up
-- by session id among every open log of the database (time_logs_one_open_per_user, then a filter:
-- 2,800 open logs read, 1.4 ms per pause).
create index time_logs_open_by_session_idx on time_logs (session_id) where ended_at is null;
