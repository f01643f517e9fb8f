-- SPEC 14 for the two keys to profiles that arrived beside V10 (invite links, idempotency keys);
-- the rule of V10 holds: every key to profiles says what a deletion does, and why.

-- A link belongs to its group: it keeps working for the others when the admin who made it leaves
-- LockIN (SPEC 14: apart from the caller's rows and the heir's role, nobody else's data changes),
-- and shows who made it as null from then on.
alter table invite_links alter column created_by drop not null;
alter table invite_links drop constraint invite_links_created_by_fkey;
alter table invite_links add constraint invite_links_created_by_fkey
    foreign key (created_by) references profiles (id) on delete set null;
comment on constraint invite_links_created_by_fkey on invite_links is
    'ON DELETE SET NULL: SPEC 14 keeps a remaining group''s links working; a group left with no member is deleted with its links.';

comment on constraint idempotency_keys_user_id_fkey on idempotency_keys is
    'ON DELETE CASCADE: SPEC 14 deletes the caller''s rows; a stored answer is the caller''s own data.';
