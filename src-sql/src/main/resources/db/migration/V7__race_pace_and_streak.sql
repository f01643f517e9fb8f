-- LockIN schema, part 7: pace in the race view (SPEC §11.1): expected_seconds, pace and streak on
-- every row of group_member_period_progress, computed here because the period math lives here.

-- ---------------------------------------------------------------------------------------------
-- SPEC §11.1 streak: how many consecutive periods of the group the member met the target in,
-- walking back from the current period (counted when met; when not, the walk starts from the one
-- before it: an unmet current period does not break the streak yet). The walk stops at the first
-- period that
--   * lies outside the group window (periods before start_at, or after end_at, do not exist;
--     the first one may be partial, clamped to start_at exactly as in §7),
--   * ended at or before the member joined (group_members.created_at), or
--   * was not met, judged with today's target (the caller passes it: override, else the group's).
--
-- Cost: one period_bounds() and one search of the time_logs_no_overlap GiST index bounded by the
-- period per period walked, so O(streak length) whatever the history holds. The current period
-- is not summed again: the view passes its goal_met.
create function member_streak(g groups, m group_members, target_minutes integer,
                              current_period_start timestamptz, current_met boolean)
    returns integer
    language plpgsql stable parallel safe
as $$
declare
    streak   integer := case when current_met then 1 else 0 end;
    judged   timestamptz := current_period_start; -- calendar start of the period judged last
    previous record;
    from_at  timestamptz;
    until_at timestamptz;
begin
    loop
        -- the period before "judged" is the one holding the instant just before its start
        -- (timestamptz counts microseconds); period_bounds follows DST, so 23- and 25-hour days
        -- are stepped over like any other
        select b.period_start, b.period_end into previous
          from period_bounds(g.timezone, g.period, judged - interval '1 microsecond') b;
        from_at  := greatest(previous.period_start, g.start_at);
        until_at := least(previous.period_end, g.end_at);
        exit when from_at >= until_at or until_at <= m.created_at;

        -- the member's seconds in it, as the view counts them (§7: only this group's sessions,
        -- an open log up to now, only the part inside the clamped period, floored on the total)
        exit when coalesce((
                select floor(sum(extract(epoch from
                           least(coalesce(l.ended_at, lockin_now()), until_at) - greatest(l.started_at, from_at))))
                  from time_logs l
                 where l.user_id = m.user_id
                   and tstzrange(l.started_at, l.ended_at, '[)') && tstzrange(from_at, until_at, '[)')
                   and l.group_id = g.id
                   and l.started_at < lockin_now()), 0) < target_minutes * 60::bigint;

        streak := streak + 1;
        judged := previous.period_start;
    end loop;
    return streak;
end
$$;

comment on function member_streak(groups, group_members, integer, timestamptz, boolean) is
    'SPEC §11.1 streak of one member: consecutive met periods back from the current one; '
    'costs one bounded index search per period walked.';

-- ---------------------------------------------------------------------------------------------
-- The race view of V3, unchanged in its columns and their meaning, plus (SPEC §11.1):
--
--   expected_seconds bigint  floor(target_minutes*60 * elapsed / length) of the clamped period,
--                            the elapsed time clamped to [0, length]: 0 before it starts, the
--                            whole target once it has ended. 0 when the clamp is empty (outside
--                            the group window nothing can count, so nothing is expected).
--   pace             text    the first that holds: 'done' (goal_met); 'out_of_reach' (the seconds
--                            still needed exceed the seconds left in the clamped period, none
--                            when it is empty or over); 'ahead' / 'behind' (5% of the target
--                            above / below expected_seconds); else 'on_track'.
--   streak           integer member_streak() above. A function call in the select list: only a
--                            query that reads the column walks the history (the milestone
--                            query of the application does not).
--
-- CREATE OR REPLACE keeps the view's columns and appends the new ones; the body repeats V3's.
create or replace view group_member_period_progress as
select m.group_id,
       m.user_id,
       case when w.is_empty then p.period_start else w.period_start end as period_start,
       case when w.is_empty then p.period_end   else w.period_end   end as period_end,
       s.seconds_done,
       t.target_minutes,
       s.goal_met,
       exists (select 1
                 from time_logs o
                where o.user_id = m.user_id
                  and o.ended_at is null
                  and o.group_id = m.group_id)                            as is_focusing,
       e.expected_seconds,
       case when s.goal_met then 'done'
            when t.target_minutes * 60 - s.seconds_done > e.seconds_left then 'out_of_reach'
            when s.seconds_done >= e.expected_seconds + 0.05 * t.target_minutes * 60 then 'ahead'
            when s.seconds_done <  e.expected_seconds - 0.05 * t.target_minutes * 60 then 'behind'
            else 'on_track'
       end                                                                as pace,
       member_streak(g, m, t.target_minutes, p.period_start, s.goal_met)  as streak
  from group_members m
  join groups g on g.id = m.group_id
 cross join lateral period_bounds(g.timezone, g.period, lockin_now()) p
 cross join lateral (select greatest(p.period_start, g.start_at) as period_start,
                            least(p.period_end, g.end_at)       as period_end,
                            greatest(p.period_start, g.start_at)
                                >= least(p.period_end, g.end_at) as is_empty,
                            -- empty range when the clamp is empty (never "lower > upper")
                            tstzrange(greatest(p.period_start, g.start_at),
                                      greatest(p.period_start, g.start_at, least(p.period_end, g.end_at)),
                                      '[)') as clamp) w
 cross join lateral (select coalesce(m.override_period_target_minutes, g.period_target_minutes)
                            as target_minutes) t
  left join lateral (
        select floor(sum(extract(epoch from
                   least(coalesce(l.ended_at, lockin_now()), w.period_end)
                   - greatest(l.started_at, w.period_start))))::bigint as seconds_done
          from time_logs l
         where l.user_id = m.user_id
           and tstzrange(l.started_at, l.ended_at, '[)') && w.clamp -- time_logs_no_overlap's index
           and l.group_id = m.group_id
           -- an open log started after lockin_now() (only possible when time-travelling) adds nothing
           and l.started_at < lockin_now()
       ) d on true
 cross join lateral (select coalesce(d.seconds_done, 0)::bigint                          as seconds_done,
                            coalesce(d.seconds_done, 0) >= t.target_minutes * 60::bigint as goal_met) s
 cross join lateral (
        select case when w.is_empty then 0
                    else floor(t.target_minutes * 60
                               * extract(epoch from least(greatest(lockin_now(), w.period_start), w.period_end)
                                                    - w.period_start)
                               / extract(epoch from w.period_end - w.period_start))
               end::bigint                                                                  as expected_seconds,
               -- negative once the period is over (or the clamp empty): nothing left
               greatest(0, extract(epoch from w.period_end - greatest(lockin_now(), w.period_start))) as seconds_left
       ) e;

comment on view group_member_period_progress is
    'SPEC §7 race view: one row per group member, progress in the group''s current period '
    '(clamped to the group window; the unclamped calendar period with seconds_done 0 when the '
    'clamp is empty), with SPEC §11.1 expected_seconds, pace and streak. Query with group_id = ?.';
