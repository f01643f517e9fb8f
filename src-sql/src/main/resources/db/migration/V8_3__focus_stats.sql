-- LockIN schema, part 8.3: a person's own focus statistics (SPEC §12, GET /api/me/stats).
--
-- Every log of the person counts (personal and group sessions), an open log up to lockin_now().
-- Days are local days in the zone the caller asks for: local midnight to the next local midnight
-- converted with local_instant() (as period_bounds() does), so a DST day lasts 23 or 25 hours and is
-- counted exactly.

-- ---------------------------------------------------------------------------------------------
-- The person's time inside [p_from, p_until), split into local days of p_tz: one row per (log,
-- local day it touches), seconds exact (not floored: callers floor per day, on the total).
--
-- Cost: one search of the time_logs_no_overlap GiST index bounded by [p_from, p_until), then
-- arithmetic. Time zone conversions are the expensive part (each one looks the zone up by name),
-- so no log is converted at all: the local midnights of every date the logs touch are computed
-- once (local_instant(), one per date), kept as a sorted array, and each log finds its first and
-- last day in it by binary search (width_bucket: bucket i is [starts[i], starts[i + 1])). The
-- bounds are materialized so they are computed once, not once per log.
create function user_focus_parts(p_user uuid, p_tz text, p_from timestamptz, p_until timestamptz)
    returns table (day date, seconds numeric)
    language sql stable parallel safe
as $$
    with bounds as materialized (
        select p_from as from_at, p_until as until_at, lockin_now() as now
    ), spans as materialized (
        select greatest(l.started_at, b.from_at)                   as from_at,
               least(coalesce(l.ended_at, b.now), b.until_at)      as until_at
          from bounds b
          join time_logs l
            on l.user_id = p_user
           and tstzrange(l.started_at, l.ended_at, '[)') && tstzrange(b.from_at, b.until_at, '[)') -- the GiST index
           and l.started_at < b.now
         where greatest(l.started_at, b.from_at) < least(coalesce(l.ended_at, b.now), b.until_at)
    ), days as materialized (
        -- every local date from the first log's to the day after the last log's, and its midnight
        select min(d.local_day)::date as first_day,
               array_agg(local_instant(d.local_day, p_tz) order by d.local_day) as starts
          from generate_series(date_trunc('day', (select min(from_at) from spans) at time zone p_tz),
                               date_trunc('day', (select max(until_at) from spans) at time zone p_tz) + interval '1 day',
                               interval '1 day') as d(local_day)
    )
    select x.first_day + i - 1,
           extract(epoch from least(s.until_at, x.starts[i + 1]) - greatest(s.from_at, x.starts[i]))
      from spans s
     cross join days x
     cross join lateral generate_series(width_bucket(s.from_at, x.starts), width_bucket(s.until_at, x.starts)) as i
$$;

-- ---------------------------------------------------------------------------------------------
-- Whole seconds per local day for every date of [p_from, p_to] (inclusive), days without focus
-- with 0, ascending. Each day is floored on its own total.
create function user_focus_days(p_user uuid, p_tz text, p_from date, p_to date)
    returns table (day date, seconds bigint)
    language sql stable parallel safe
as $$
    select d.local_day::date, coalesce(floor(t.seconds), 0)::bigint
      from generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') as d(local_day)
      left join (select p.day, sum(p.seconds) as seconds
                   from user_focus_parts(p_user, p_tz, local_instant(p_from::timestamp, p_tz),
                                         local_instant((p_to + 1)::timestamp, p_tz)) p
                  group by p.day) t on t.day = d.local_day::date
     order by 1
$$;

-- ---------------------------------------------------------------------------------------------
-- The longest single log inside the range (clipped to it, an open log up to now), whole seconds;
-- 0 when there is none.
create function user_longest_log(p_user uuid, p_tz text, p_from date, p_to date)
    returns bigint
    language sql stable parallel safe
as $$
    with bounds as materialized (
        select local_instant(p_from::timestamp, p_tz) as from_at, local_instant((p_to + 1)::timestamp, p_tz) as until_at,
               lockin_now() as now
    )
    -- greatest(0, ...): an open log that began before the range counts only up to now, which may
    -- still be before the range starts
    select coalesce(max(greatest(0, floor(extract(epoch from
                least(coalesce(l.ended_at, b.now), b.until_at) - greatest(l.started_at, b.from_at))))), 0)::bigint
      from bounds b
      join time_logs l
        on l.user_id = p_user
       and tstzrange(l.started_at, l.ended_at, '[)') && tstzrange(b.from_at, b.until_at, '[)')
       and l.started_at < b.now
$$;

-- ---------------------------------------------------------------------------------------------
-- Streaks over all history: a streak day is a local day whose total is at least 60 s.
--   current_streak_days  the run of streak days ending today (today in p_tz at lockin_now()), or,
--                        while today has less than a minute, the run ending yesterday; else 0
--   best_streak_days     the longest run ever
-- Costs the person's whole history (one GiST search on user_id, one pass), which is what "over all
-- history" asks; it does not grow with anyone else's logs. Always one row. A table function with
-- one SELECT (not OUT parameters) so that PostgreSQL inlines it and a prepared statement keeps its
-- plan, instead of planning the body again on every call.
create function user_focus_streaks(p_user uuid, p_tz text)
    returns table (current_streak_days integer, best_streak_days integer)
    language sql stable parallel safe
as $$
    with streak_days as (
        select p.day
          from user_focus_parts(p_user, p_tz, '-infinity', 'infinity') p
         group by p.day
        having sum(p.seconds) >= 60
    ), runs as (
        select max(day) as last_day, count(*)::integer as length
          from (select day, day - (row_number() over (order by day))::integer as island from streak_days) i
         group by island
    )
    select coalesce(max(length) filter (where last_day in ((lockin_now() at time zone p_tz)::date,
                                                          (lockin_now() at time zone p_tz)::date - 1)), 0),
           coalesce(max(length), 0)
      from runs
$$;

comment on function user_focus_days(uuid, text, date, date) is
    'SPEC §12 stats: whole seconds per local day of p_tz for every date of [p_from, p_to].';
comment on function user_focus_streaks(uuid, text) is
    'SPEC §12 stats: current and best streak of days with at least 60 s, over all history.';
