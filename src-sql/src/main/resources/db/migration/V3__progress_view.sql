-- LockIN schema, part 3: the race view (SPEC §7) and the index that keeps it cheap.

-- The progress index is the GiST index of the exclusion constraint time_logs_no_overlap
-- (V2): (user_id, tstzrange(started_at, ended_at, '[)')). "user_id = member and the log's range
-- overlaps the period" is an index search bounded on both sides by the period, so one member's
-- sum costs what the period holds, however much history there is (also when time-travelling
-- into the past with lockin.now). A btree on (group_id, user_id, coalesce(ended_at, 'infinity'))
-- would bound only the lower side and rely on "no log ends after now"; it was measured, and the
-- GiST search was as cheap with one index less to maintain on the hottest table. The few logs of
-- the same member in other groups in the same period are filtered after the search.

-- One row per group member: their progress in the group's current period.
--
--   period_start, period_end  the current period of lockin_now() in the group's timezone
--                             (period_bounds) clamped to the group window:
--                             [max(period start, start_at), min(period end, end_at)).
--                             When that clamp is empty (the group has not started yet, or has
--                             ended), the columns report the unclamped calendar period instead,
--                             and seconds_done is 0 -- time outside the window never counts.
--   seconds_done  bigint      seconds of this member's time logs of sessions of this group
--                             inside [period_start, period_end) of the clamp; an open log counts
--                             up to lockin_now(); a log crossing a boundary counts only its part
--                             inside (rounded down to whole seconds, on the total)
--   target_minutes int        the member's override, else the group's period_target_minutes
--   goal_met       boolean    seconds_done >= target_minutes * 60
--   is_focusing    boolean    the member has an open log in a session of this group
--
-- Query it as "where group_id = $1" (or "... and user_id = $2"): each member's sum is one range
-- search of the time_logs_no_overlap GiST index bounded by the period.
create view group_member_period_progress as
select m.group_id,
       m.user_id,
       case when w.is_empty then p.period_start else w.period_start end as period_start,
       case when w.is_empty then p.period_end   else w.period_end   end as period_end,
       coalesce(d.seconds_done, 0)::bigint                                as seconds_done,
       t.target_minutes,
       coalesce(d.seconds_done, 0) >= t.target_minutes * 60::bigint       as goal_met,
       exists (select 1
                 from time_logs o
                where o.user_id = m.user_id
                  and o.ended_at is null
                  and o.group_id = m.group_id)                            as is_focusing
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
       ) d on true;

comment on view group_member_period_progress is
    'SPEC §7 race view: one row per group member, progress in the group''s current period '
    '(clamped to the group window; the unclamped calendar period with seconds_done 0 when the '
    'clamp is empty). Query with group_id = ?.';
