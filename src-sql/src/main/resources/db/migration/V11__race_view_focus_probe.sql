-- The race view's is_focusing as a scalar subquery instead of EXISTS: the same answer (a member
-- has at most one open log, time_logs_one_open_per_user), but PostgreSQL may turn an EXISTS into a
-- hashed subplan, and the plan the server keeps for the view (a generic plan: its statements are
-- prepared on the server and planned once per connection) did: it read every open log of every
-- group (all the people focusing right now, 650 of them in the load benchmark) to answer for the
-- 20 members of one. A scalar subquery is never hashed: one probe of the member's open log per
-- row, so the view costs what the group holds. Otherwise unchanged from V7.

create or replace view group_member_period_progress as
select m.group_id,
       m.user_id,
       case when w.is_empty then p.period_start else w.period_start end as period_start,
       case when w.is_empty then p.period_end   else w.period_end   end as period_end,
       s.seconds_done,
       t.target_minutes,
       s.goal_met,
       coalesce((select true
                   from time_logs o
                  where o.user_id = m.user_id
                    and o.ended_at is null
                    and o.group_id = m.group_id
                  limit 1), false)                                        as is_focusing,
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
