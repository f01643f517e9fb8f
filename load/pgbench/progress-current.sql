-- GET /api/groups/{id}/progress/current: every statement the server runs for one answer, in order,
-- as captured from the embedded PostgreSQL with log_min_duration_statement = 0 (README "Load
-- benchmark (SPEC §17)"), the parameters bound by pgbench -M prepared from the seed (load/ratio.sh):
-- :issuer, :subject = the token's (iss, sub); :user_id = its profile; :group_id = the group.
-- Two transactions, as the server's: the identity lookup of the token, then the request's own.
-- The constants (12 h run limit, the reminder's texts) are those the server binds.
BEGIN;
select profile_id from auth_identities where provider = :issuer and subject = :subject;
COMMIT;
BEGIN;
select m1_0.id,m1_0.created_at,m1_0.group_id,g1_0.id,g1_0.created_at,g1_0.description,g1_0.end_at,g1_0.name,g1_0.owner_id,g1_0.period,g1_0.period_target_minutes,g1_0.start_at,g1_0.status,g1_0.timezone,g1_0.updated_at,m1_0.override_period_target_minutes,m1_0.role,m1_0.user_id from group_members m1_0 join groups g1_0 on g1_0.id=m1_0.group_id where g1_0.id=:group_id and m1_0.user_id=:user_id;
select stopped_session, stopped_group, host, reminder, stopped_at from stop_forgotten_sessions(cast('12:00:00' as interval), now(), cast('Your focus session was stopped' as text), cast('It ran for 12 hours without a pause, so LockIN stopped it when it reached that limit. Your time up to then counts.' as text));
select v.user_id, pr.display_name, pr.avatar_url, v.seconds_done, v.target_minutes, v.goal_met, v.period_start, v.period_end, v.is_focusing, v.expected_seconds, v.pace, v.streak from group_member_period_progress v join profiles pr on pr.id = v.user_id where v.group_id = :group_id order by v.seconds_done desc, pr.display_name, v.user_id;
COMMIT;
