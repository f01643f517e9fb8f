-- LockIN schema, part 8.1: one conversion of a local wall-clock time to an instant, shared by the
-- race view's periods (period_bounds), the period history (§12) and the personal stats (§12).
--
-- "timestamp AT TIME ZONE tz" resolves a local time that does not exist (a spring-forward gap) to
-- the instant after the gap, as java.time does, but a local time that happens twice (a fall-back
-- overlap) to the LATER instant, where java.time (ZonedDateTime.of, LocalDate.atStartOfDay) takes
-- the earlier one. Zones that fall back across midnight (Atlantic/Azores and America/Havana fall
-- back from 01:00 to 00:00) then had their 25-hour day reported as 24 hours and the day before as
-- 25. local_instant() takes the earlier instant: it is "tz's first occurrence of local_time".
-- Every DST shift in the zone database is 30 minutes, 1 hour or 2 hours, so the earlier
-- occurrence, if any, is one of those before PostgreSQL's. One expression, no FROM: PostgreSQL
-- inlines it into the queries that call it.
create function local_instant(local_time timestamp, tz text) returns timestamptz
    language sql stable parallel safe
as $$
    select case
               -- the common case first: no offset change in the 2 hours before PostgreSQL's instant,
               -- so there is no earlier occurrence (costs 2 conversions instead of 7)
               when ((local_time at time zone tz) - interval '2 hours') at time zone tz = local_time - interval '2 hours'
                   then local_time at time zone tz
               when ((local_time at time zone tz) - interval '2 hours') at time zone tz = local_time
                   then (local_time at time zone tz) - interval '2 hours'
               when ((local_time at time zone tz) - interval '1 hour') at time zone tz = local_time
                   then (local_time at time zone tz) - interval '1 hour'
               when ((local_time at time zone tz) - interval '30 minutes') at time zone tz = local_time
                   then (local_time at time zone tz) - interval '30 minutes'
               else local_time at time zone tz
           end
$$;

comment on function local_instant(timestamp, text) is
    'The first instant at which the wall clock of zone tz shows local_time (the instant after the gap when it never does), as java.time resolves it.';

-- period_bounds (V2) with its midnights converted by local_instant(): unchanged except on the
-- fall-back days of zones that fall back across midnight, where it now agrees with java.time.
create or replace function period_bounds(tz text, period text, at timestamptz,
                                         out period_start timestamptz, out period_end timestamptz)
    returns setof record
    language sql stable parallel safe rows 1
as $$
    select local_instant(local_start, tz),
           local_instant(local_start + case period when 'daily' then interval '1 day' else interval '7 days' end, tz)
      from (select date_trunc(case period when 'daily' then 'day' else 'week' end, at at time zone tz)
                   as local_start) l
     where period in ('daily', 'weekly')
$$;
