-- LockIN schema, part 8.2: a group's past periods (SPEC §12, GET /api/groups/{id}/periods).
--
-- One row per (period, current member), newest period first, at most p_limit periods:
--
--   period_start, period_end  a calendar period of the group (§7: local midnight to midnight, or
--                             Monday 00:00 to Monday 00:00, in groups.timezone) clamped to the
--                             group window [start_at, end_at)
--   is_current                lockin_now() lies inside it
--   user_id                   every member of the group now (members who joined later are listed
--                             in earlier periods too, with what they did then)
--   seconds_done              their time in it, counted exactly as the race view counts it: logs
--                             of sessions of this group, open logs up to now, only the part inside,
--                             floored on the total
--   target_minutes, goal_met  with today's target (override, else the group's)
--
-- Which periods: those that have started, from the one holding the anchor back to the group's
-- first. The anchor is the earliest of now, the instant just before p_before (so every period
-- returned starts strictly before p_before) and the instant just before end_at (once the group
-- has ended the list starts with its last period, none of them current). Nothing when the group
-- has not started by the anchor.
--
-- Cost follows the periods returned, not the history: the periods are a generate_series of local
-- period starts (wall-clock steps of 1 or 7 days, converted with local_instant() exactly as
-- period_bounds() does, so DST days are 23 or 25 hours long), and each member's logs in them are
-- one search of the time_logs_no_overlap GiST index bounded on both sides by the periods returned
-- -- the search the race view makes for one period. Each log then finds its periods by binary
-- search in the sorted array of period starts. The periods are a MATERIALIZED CTE, so each bound
-- is computed once (a time zone conversion is not free) rather than once per log examined. A LANGUAGE SQL table
-- function with one SELECT: PostgreSQL inlines it into the caller's query, so EXPLAIN shows (and
-- the tests check) the real plan.
create function group_period_history(p_group uuid, p_before timestamptz, p_limit integer)
    returns table (period_start timestamptz, period_end timestamptz, is_current boolean, user_id uuid,
                   seconds_done bigint, target_minutes integer, goal_met boolean)
    language sql stable parallel safe
as $$
    -- the periods first, materialized: each bound is converted once, not once per log searched
    with periods as materialized (
        select g.id as group_id, g.period_target_minutes,
               w.period_start, w.period_end,
               lockin_now() >= w.period_start and lockin_now() < w.period_end as is_current
          from groups g
         cross join lateral (
                select least(lockin_now(), g.end_at - interval '1 microsecond',
                             coalesce(p_before, 'infinity'::timestamptz) - interval '1 microsecond') as anchor,
                       case g.period when 'daily' then interval '1 day' else interval '7 days' end as step,
                       case g.period when 'daily' then 'day' else 'week' end as unit) a
         cross join lateral (select date_trunc(a.unit, a.anchor at time zone g.timezone) as local_first) f
         cross join lateral generate_series(f.local_first, f.local_first - (greatest(p_limit, 1) - 1) * a.step, -a.step)
                            as l(local_start)
         cross join lateral (select greatest(local_instant(l.local_start, g.timezone), g.start_at)          as period_start,
                                    least(local_instant(l.local_start + a.step, g.timezone), g.end_at) as period_end) w
         where g.id = p_group
           and a.anchor >= g.start_at         -- the group has started (before the anchor)
           and w.period_start < w.period_end  -- periods before start_at do not exist
    )
    , span as materialized (
        -- the periods are consecutive (only the first and the last may be clamped): one sorted
        -- array of their starts lets each log find its periods by binary search (width_bucket)
        select array_agg(period_start order by period_start) as starts,
               array_agg(period_end order by period_start)   as ends,
               min(period_start) as from_at, max(period_end) as until_at, lockin_now() as now
          from periods
    ), done as (
        -- each member's logs of this group over all the periods returned: one search of the
        -- time_logs_no_overlap GiST index per member (a lateral subquery with its own GROUP BY,
        -- so the planner cannot turn it into a search of everyone's logs by time alone), bounded
        -- by the span of those periods
        select m.user_id, c.period_index, c.seconds
          from span x
          join group_members m on m.group_id = p_group
         cross join lateral (
                select i as period_index,
                       sum(extract(epoch from least(coalesce(lg.ended_at, x.now), x.ends[i])
                                              - greatest(lg.started_at, x.starts[i]))) as seconds
                  from time_logs lg
                 cross join lateral generate_series(greatest(1, width_bucket(lg.started_at, x.starts)),
                                                    width_bucket(least(coalesce(lg.ended_at, x.now), x.until_at), x.starts)) as i
                 where lg.user_id = m.user_id
                   and tstzrange(lg.started_at, lg.ended_at, '[)') && tstzrange(x.from_at, x.until_at, '[)')
                   and lg.group_id = p_group
                   -- an open log started after lockin_now() (only when time-travelling) adds nothing
                   and lg.started_at < x.now
                 group by i
               ) c
         where x.from_at is not null -- no periods: nothing to search
    )
    select p.period_start,
           p.period_end,
           p.is_current,
           m.user_id,
           s.seconds_done,
           t.target_minutes,
           s.seconds_done >= t.target_minutes * 60::bigint
      from span x
     cross join lateral unnest(x.starts) with ordinality as o(period_start, period_index)
      join periods p on p.period_start = o.period_start
      join group_members m on m.group_id = p.group_id
     cross join lateral (select coalesce(m.override_period_target_minutes, p.period_target_minutes) as target_minutes) t
      left join done d on d.user_id = m.user_id and d.period_index = o.period_index
     cross join lateral (select coalesce(floor(greatest(d.seconds, 0)), 0)::bigint as seconds_done) s
$$;

comment on function group_period_history(uuid, timestamptz, integer) is
    'SPEC §12 period history: (period, current member) rows, newest period first, at most p_limit periods '
    'starting before p_before; one bounded GiST search per cell.';
