-- LockIN schema, part 8.3: a person's own focus statistics (SPEC §12, GET /api/me/stats).
--
-- Every log of the person counts (personal and group sessions), an open log up to lockin_now().
-- Days are local days in the zone the caller asks for: local midnight to the next local midnight
-- converted with local_instant() (as period_bounds() does), so a DST day lasts 23 or 25 hours and is
-- counted exactly.

-- ---------------------------------------------------------------------------------------------
-- The person's time inside [p_from, p_until), split into local days of p_tz: one row per (log,
-- local day it touches), seconds exact (not floored: callers floor per day, on the total).
-- One search of the time_logs_no_overlap GiST index bounded by [p_from, p_until). Time zone
-- conversions are what costs here, so each log is converted twice (its first and last local day)
-- and each day's midnight once (a day ends where the next begins), never once per (log, day);
-- the logs are then spread over their days by an equi-join.
create function user_focus_parts(p_user uuid, p_tz text, p_from timestamptz, p_until timestamptz)
    returns table (day date, seconds numeric)
    language sql stable parallel safe
as $$
    with spans as materialized (
        select c.from_at, c.until_at,
               (c.from_at at time zone p_tz)::date  as first_day,
               (c.until_at at time zone p_tz)::date as last_day
          from time_logs l
         cross join lateral (select greatest(l.started_at, p_from)                     as from_at,
                                    least(coalesce(l.ended_at, lockin_now()), p_until) as until_at) c
         where l.user_id = p_user
           and tstzrange(l.started_at, l.ended_at, '[)') && tstzrange(p_from, p_until, '[)') -- the GiST index
           and l.started_at < lockin_now()
           and c.from_at < c.until_at
    ), days as materialized (
        select x.day, x.day_start, lead(x.day_start) over (order by x.day) as day_end
          from (select d.local_day::date as day, local_instant(d.local_day, p_tz) as day_start
                  from generate_series((select min(first_day) from spans)::timestamp,
                                       (select max(last_day) + 1 from spans)::timestamp, interval '1 day') as d(local_day)
               ) x
    )
    select b.day, extract(epoch from least(s.until_at, b.day_end) - greatest(s.from_at, b.day_start))
      from spans s
     cross join lateral generate_series(0, s.last_day - s.first_day) as k(n)
      join days b on b.day = s.first_day + k.n
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
    -- greatest(0, ...): an open log that began before the range counts only up to now, which may
    -- still be before the range starts
    select coalesce(max(greatest(0, floor(extract(epoch from
                least(coalesce(l.ended_at, lockin_now()), local_instant((p_to + 1)::timestamp, p_tz))
                - greatest(l.started_at, local_instant(p_from::timestamp, p_tz)))))), 0)::bigint
      from time_logs l
     where l.user_id = p_user
       and tstzrange(l.started_at, l.ended_at, '[)')
           && tstzrange(local_instant(p_from::timestamp, p_tz), local_instant((p_to + 1)::timestamp, p_tz), '[)')
       and l.started_at < lockin_now()
$$;

-- ---------------------------------------------------------------------------------------------
-- Streaks over all history: a streak day is a local day whose total is at least 60 s.
--   current_streak_days  the run of streak days ending today (today in p_tz at lockin_now()), or,
--                        while today has less than a minute, the run ending yesterday; else 0
--   best_streak_days     the longest run ever
-- Costs the person's whole history (one GiST search on user_id, one pass), which is what "over all
-- history" asks; it does not grow with anyone else's logs.
create function user_focus_streaks(p_user uuid, p_tz text,
                                   out current_streak_days integer, out best_streak_days integer)
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
