-- LockIN schema, part 10.1: forgotten sessions (SPEC §15).
--
-- A session running without a pause for longer than LOCKIN_SESSION_MAX_RUN (counted from its last
-- :start or :resume, i.e. sessions.running_since) is stopped as of the moment the limit was
-- reached, and its host gets one session_reminder notification. The rule lives here, in
-- stop_forgotten_sessions(), and nowhere else: the application calls it before it reads or writes
-- sessions or time (so no answer shows a run longer than the limit) and from its timer.

-- The reminder names its session, so that "exactly one per session" is a unique index, as the
-- milestones' "exactly once" is (notifications_one_milestone_per_period). A reminder goes with its
-- session (a deleted personal session, a deleted group).
alter table notifications add column session_id uuid null references sessions (id) on delete cascade;
alter table notifications add constraint notifications_reminder_has_session
    check (kind <> 'session_reminder' or session_id is not null);
create unique index notifications_one_reminder_per_session
    on notifications (session_id) where kind = 'session_reminder';

-- The sweep looks only at running sessions by the start of their current run: with this index it
-- costs one short index scan however many sessions history holds.
create index sessions_running_since_idx on sessions (running_since) where status = 'running';

-- ---------------------------------------------------------------------------------------------
-- Stops every session that has been running since at most "as_of - max_run", each as of
-- running_since + max_run (its logs end then, not now: stop_session_at, V10), and gives its host
-- one session_reminder with this title and body (ON CONFLICT DO NOTHING on the unique index: a
-- second sweep, on this server or another, adds nothing). Returns the sessions it stopped, with
-- their group, host and the reminder (null when the host is gone or the reminder existed).
-- Concurrent sweeps: the row locks (FOR UPDATE, in id order) make the second wait for the first;
-- it then finds the session stopped (READ COMMITTED re-checks the WHERE on the new row) and skips it.
create function stop_forgotten_sessions(max_run interval, as_of timestamptz, reminder_title text, reminder_body text)
    returns table (stopped_session uuid, stopped_group uuid, host uuid, reminder uuid, stopped_at timestamptz)
    language plpgsql
as $$
declare
    s record;
begin
    if max_run is null or max_run <= interval '0' then
        raise exception 'max_run must be positive, not %', max_run using errcode = 'invalid_parameter_value';
    end if;
    for s in select se.id, se.group_id, se.running_since + max_run as limit_at
               from sessions se
              where se.status = 'running' and se.running_since <= as_of - max_run
              order by se.id
                for update loop
        perform stop_session_at(s.id, s.limit_at);
        stopped_session := s.id;
        stopped_group := s.group_id;
        stopped_at := s.limit_at;
        host := (select p.user_id from session_participants p where p.session_id = s.id and p.role = 'host');
        reminder := null;
        if host is not null then
            insert into notifications (recipient_id, kind, title, body, group_id, session_id)
            values (host, 'session_reminder', reminder_title, reminder_body, s.group_id, s.id)
            on conflict (session_id) where kind = 'session_reminder' do nothing
            returning id into reminder;
        end if;
        return next;
    end loop;
end
$$;
