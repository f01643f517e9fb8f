-- GET /api/me: every statement the server runs for one answer, in order, as captured from the
-- embedded PostgreSQL with log_min_duration_statement = 0 (README "Load benchmark (SPEC §17)"),
-- the parameters bound by pgbench -M prepared from the seed (load/ratio.sh): :issuer, :subject =
-- the token's (iss, sub); :user_id = its profile. Two transactions, as the server's: the identity
-- lookup of the token, then the request's own (the profile entity, then its memberships).
BEGIN;
select profile_id from auth_identities where provider = :issuer and subject = :subject;
COMMIT;
BEGIN;
select p1_0.id,p1_0.avatar_url,p1_0.created_at,p1_0.display_name,p1_0.email,p1_0.updated_at from profiles p1_0 where p1_0.id=:user_id;
select g.id, g.name, m.role, g.status from group_members m join groups g on g.id = m.group_id where m.user_id = :user_id order by g.created_at desc, g.id;
COMMIT;
