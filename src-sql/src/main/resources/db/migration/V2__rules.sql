-- LockIN schema, part 2: the rules the database itself enforces (SPEC §3) and the functions the
-- application calls. Errors raised here use ERRCODE check_violation (23514) and a CONSTRAINT
-- name, exactly like a real constraint, so the application maps both the same way.

-- ---------------------------------------------------------------------------------------------
-- Clock hook. "Now" for every rule and view that depends on it. Tests run
--     SET lockin.now = '2026-03-08 12:00:00+00'
-- to travel in time (this is how DST days are tested); production never sets it, so this is
-- now(), the transaction's start time.
create function lockin_now() returns timestamptz
    language sql stable parallel safe
as $$ select coalesce(nullif(current_setting('lockin.now', true), '')::timestamptz, now()) $$;

-- Same hook, but the real clock when no time travel is set: used where a row written late in a
-- long transaction is compared with "now" (now() would be the transaction's start, earlier than
-- an instant the application took after its first statement).
create function lockin_clock_timestamp() returns timestamptz
    language sql volatile parallel safe
as $$ select coalesce(nullif(current_setting('lockin.now', true), '')::timestamptz, clock_timestamp()) $$;

-- ---------------------------------------------------------------------------------------------
-- updated_at follows every update (profiles, groups: the tables that have the column).
create function touch_updated_at() returns trigger
    language plpgsql
as $$
begin
    new.updated_at := now();
    return new;
end
$$;

create trigger profiles_touch_updated_at before update on profiles
    for each row execute function touch_updated_at();
create trigger groups_touch_updated_at before update on groups
    for each row execute function touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Columns that may never change once the row exists (TG_ARGV lists them). Rows are never moved
-- to another parent; the denormalised columns of time_logs stay true only because of this.
-- Error constraint name: <table>_<column>_immutable.
create function forbid_column_change() returns trigger
    language plpgsql
as $$
declare
    col      text;
    new_row  jsonb := to_jsonb(new);
    old_row  jsonb := to_jsonb(old);
begin
    foreach col in array tg_argv loop
        if new_row -> col is distinct from old_row -> col then
            raise exception '%.% cannot be changed', tg_table_name, col
                using errcode = 'check_violation', constraint = tg_table_name || '_' || col || '_immutable';
        end if;
    end loop;
    return new;
end
$$;

create trigger group_members_00_immutable before update on group_members
    for each row execute function forbid_column_change('group_id', 'user_id');
create trigger sessions_00_immutable before update on sessions
    for each row execute function forbid_column_change('group_id');
create trigger session_participants_00_immutable before update on session_participants
    for each row execute function forbid_column_change('session_id', 'user_id');
create trigger time_logs_00_immutable before update on time_logs
    for each row execute function forbid_column_change('participant_id', 'user_id', 'session_id', 'group_id');

-- ---------------------------------------------------------------------------------------------
-- groups.timezone must be an IANA zone name known to this server (exact spelling, as Java's
-- ZoneId expects; abbreviations such as 'EST' and POSIX strings such as 'UTC+3' are refused).
-- A trigger rather than a CHECK: pg_timezone_names reads every zone file (~20 ms), and a CHECK
-- would run on every update of every group (archive_expired_groups); this runs only when the
-- zone is set or changed. Error constraint name: groups_timezone_valid.
-- The few names PostgreSQL's zone list has and java.time.ZoneId.of refuses (legacy backward
-- links, 'Factory') are refused too: every stored zone must be usable by the application.
create function is_iana_timezone(tz text) returns boolean
    language sql stable strict parallel safe
as $$
    select tz not in ('EST', 'MST', 'HST', 'ROC', 'Factory')
       and exists (select 1 from pg_timezone_names where name = tz)
$$;

create function enforce_valid_timezone() returns trigger
    language plpgsql
as $$
begin
    -- Hibernate's UPDATE lists every column: skip the lookup when the zone did not change
    if tg_op = 'UPDATE' and new.timezone is not distinct from old.timezone then
        return new;
    end if;
    if not is_iana_timezone(new.timezone) then
        raise exception 'unknown time zone %', new.timezone
            using errcode = 'check_violation', constraint = 'groups_timezone_valid';
    end if;
    return new;
end
$$;

create trigger groups_timezone_valid before insert or update of timezone on groups
    for each row execute function enforce_valid_timezone();

-- ---------------------------------------------------------------------------------------------
-- No member may be added to an archived group.
-- FOR SHARE on the group row serialises with a concurrent archival (an UPDATE of the row), so a
-- member cannot slip in while the group is being archived; concurrent additions do not block
-- each other.
create function prevent_members_on_archived_groups() returns trigger
    language plpgsql
as $$
declare
    group_status text;
begin
    select g.status into group_status from groups g where g.id = new.group_id for share;
    if group_status = 'archived' then
        raise exception 'group % is archived', new.group_id
            using errcode = 'check_violation', constraint = 'group_members_group_active';
    end if;
    return new; -- an unknown group is left to the foreign key
end
$$;

create trigger group_members_10_group_active before insert on group_members
    for each row execute function prevent_members_on_archived_groups();

-- A personal target follows the bounds of the group's period (1440 daily, 10080 weekly); the
-- CHECK of V1 covers > 0 and the weekly bound, this the daily one. Same constraint name.
create function enforce_member_target_bound() returns trigger
    language plpgsql
as $$
declare
    group_period text;
begin
    if new.override_period_target_minutes is null then
        return new;
    end if;
    select g.period into group_period from groups g where g.id = new.group_id;
    if group_period = 'daily' and new.override_period_target_minutes > 1440 then
        raise exception 'a daily target cannot exceed 1440 minutes'
            using errcode = 'check_violation', constraint = 'group_members_override_target_range';
    end if;
    return new;
end
$$;

create trigger group_members_20_target_bound
    before insert or update of override_period_target_minutes on group_members
    for each row execute function enforce_member_target_bound();

-- The other side of the same rule: a group turning daily keeps no member above a day.
create function enforce_member_targets_on_period_change() returns trigger
    language plpgsql
as $$
begin
    if new.period = 'daily' and exists (
            select 1 from group_members m
            where m.group_id = new.id and m.override_period_target_minutes > 1440) then
        raise exception 'a member of group % has a target above 1440 minutes', new.id
            using errcode = 'check_violation', constraint = 'group_members_override_target_range';
    end if;
    return new;
end
$$;

create trigger groups_member_targets_bound after update of period on groups
    for each row when (new.period is distinct from old.period)
    execute function enforce_member_targets_on_period_change();

-- ---------------------------------------------------------------------------------------------
-- time_logs: fill the denormalised owner columns (see the comment on the table in V1).
create function fill_time_log_owner() returns trigger
    language plpgsql
as $$
begin
    select p.user_id, p.session_id, s.group_id
      into new.user_id, new.session_id, new.group_id
      from session_participants p
      join sessions s on s.id = p.session_id
     where p.id = new.participant_id;
    if not found then
        raise exception 'participant % does not exist', new.participant_id
            using errcode = 'foreign_key_violation', constraint = 'time_logs_participant_id_fkey';
    end if;
    return new;
end
$$;

-- triggers of one event fire in name order: fill first, then check
create trigger time_logs_10_fill_owner before insert on time_logs
    for each row execute function fill_time_log_owner();

-- A log lies inside its session's [started_at, ended_at]:
--  * a session never started allows no log;
--  * a stopped session's upper bound is its ended_at, and it takes no open log;
--  * an unstopped session's upper bound is now; for an open log only the start must be inside.
-- "Now" is the real clock (lockin_clock_timestamp()) plus a small allowance for clock skew
-- between the application servers and the database, so that closing a log at the instant the
-- application read from its own clock never fails. Refusing logs that end in the future is the
-- application's validation (SPEC §7); this is the backstop.
-- FOR SHARE on the session row serialises with a concurrent stop/pause of the session.
-- Note for the application: on :start, the session's started_at must be written (flushed)
-- before its logs are inserted -- Hibernate flushes inserts before updates.
create function enforce_log_within_session() returns trigger
    language plpgsql
as $$
declare
    skew_allowance constant interval := interval '5 seconds';
    session_start timestamptz;
    session_end   timestamptz;
    upper_bound   timestamptz;
begin
    select s.started_at, s.ended_at into session_start, session_end
      from sessions s where s.id = new.session_id for share;
    upper_bound := coalesce(session_end, lockin_clock_timestamp() + skew_allowance);

    if session_start is null then
        raise exception 'session % has not started', new.session_id
            using errcode = 'check_violation', constraint = 'time_logs_within_session';
    end if;
    if new.started_at < session_start or new.started_at > upper_bound then
        raise exception 'log start % is outside session % [%, %]',
                new.started_at, new.session_id, session_start, upper_bound
            using errcode = 'check_violation', constraint = 'time_logs_within_session';
    end if;
    if new.ended_at is null and session_end is not null then
        raise exception 'session % is stopped: no log can stay open', new.session_id
            using errcode = 'check_violation', constraint = 'time_logs_within_session';
    end if;
    if new.ended_at > upper_bound then
        raise exception 'log end % is outside session % [%, %]',
                new.ended_at, new.session_id, session_start, upper_bound
            using errcode = 'check_violation', constraint = 'time_logs_within_session';
    end if;
    return new;
end
$$;

create trigger time_logs_20_within_session
    before insert or update of started_at, ended_at on time_logs
    for each row execute function enforce_log_within_session();

-- The session side of the same rule: moving a session's start or end must not leave a log
-- outside. Deferred to commit because the application changes a session and closes its logs in
-- one transaction, in whatever order Hibernate flushes them (stop: session ended_at and the logs'
-- ended_at at the same instant). At commit no log may remain open in a stopped session.
create function enforce_session_contains_logs() returns trigger
    language plpgsql
as $$
declare
    s sessions%rowtype;
begin
    -- re-read: the row may have changed again after the update that queued this check
    select * into s from sessions where id = new.id;
    if exists (
            select 1 from time_logs l
             where l.participant_id in (select p.id from session_participants p where p.session_id = s.id)
               and (s.started_at is null
                    or l.started_at < s.started_at
                    or (s.ended_at is not null and coalesce(l.ended_at, 'infinity') > s.ended_at))) then
        raise exception 'session % has logs outside [%, %]', s.id, s.started_at, s.ended_at
            using errcode = 'check_violation', constraint = 'time_logs_within_session';
    end if;
    return null;
end
$$;

create constraint trigger sessions_contain_logs
    after update of started_at, ended_at on sessions
    deferrable initially deferred
    for each row
    when (new.started_at is distinct from old.started_at or new.ended_at is distinct from old.ended_at)
    execute function enforce_session_contains_logs();

-- No two logs of one person overlap in time, across all sessions ('[)': a log ending at 10:00
-- and one starting at 10:00 touch but do not overlap). An open log is [started_at, infinity).
alter table time_logs add constraint time_logs_no_overlap
    exclude using gist (user_id with =, tstzrange(started_at, ended_at, '[)') with &&);

-- ---------------------------------------------------------------------------------------------
-- Archive every active group whose window has ended; returns how many. Idempotent: a second
-- call finds nothing to do. Several servers may call it at once: the row locks of the UPDATE
-- make each group archived exactly once, the counts add up.
create function archive_expired_groups() returns integer
    language plpgsql
as $$
declare
    archived integer;
begin
    update groups set status = 'archived'
     where status = 'active' and end_at <= lockin_now();
    get diagnostics archived = row_count;
    return archived;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- "Repeat this group" (SPEC §5): a new active group with the original's name, description,
-- timezone, period, target and duration (end_at - start_at), starting now; the members with their
-- roles and personal targets; new_owner becomes the owner (added if not a member) and the
-- previous owner stays as admin. Works on archived originals. Returns the new group's id.
-- Raises no_data_found (P0002) when the original does not exist.
create function clone_group(original_group uuid, new_owner uuid) returns uuid
    language plpgsql
as $$
declare
    new_group uuid;
    starts    timestamptz := lockin_now();
begin
    insert into groups (owner_id, name, description, start_at, end_at, timezone, period,
                        period_target_minutes, status)
    select new_owner, g.name, g.description, starts,
           -- the duration in exact seconds: "timestamptz + interval 'n days'" would follow the
           -- session's TimeZone (the JDBC driver sends the JVM's) and gain or lose an hour on DST
           starts + make_interval(secs => extract(epoch from g.end_at - g.start_at)),
           g.timezone, g.period, g.period_target_minutes, 'active'
      from groups g
     where g.id = original_group
    returning id into new_group;

    if new_group is null then
        raise exception 'group % does not exist', original_group using errcode = 'no_data_found';
    end if;

    insert into group_members (group_id, user_id, role, override_period_target_minutes)
    select new_group, m.user_id,
           case m.role when 'owner' then 'admin' else m.role end,
           m.override_period_target_minutes
      from group_members m
     where m.group_id = original_group;

    insert into group_members (group_id, user_id, role)
    values (new_group, new_owner, 'owner')
    on conflict (group_id, user_id) do update set role = 'owner';

    return new_group;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The calendar period containing instant "at" in zone tz (SPEC §7):
--   daily:  local midnight -> next local midnight (23 or 25 hours across a DST change)
--   weekly: local Monday 00:00 -> next Monday 00:00 (ISO week, date_trunc('week'))
-- Computed on local wall-clock time (timestamp without time zone), then converted back with
-- AT TIME ZONE; independent of the session's TimeZone setting. A local midnight that does not
-- exist (zones that spring forward at 00:00) resolves to the first instant after the gap, as
-- java.time does.
create function period_bounds(tz text, period text, at timestamptz,
                              out period_start timestamptz, out period_end timestamptz)
    returns setof record
    language sql stable parallel safe rows 1
as $$
    select local_start at time zone tz,
           (local_start + case period when 'daily' then interval '1 day' else interval '7 days' end)
               at time zone tz
      from (select date_trunc(case period when 'daily' then 'day' else 'week' end, at at time zone tz)
                   as local_start) l
     where period in ('daily', 'weekly')
$$;
