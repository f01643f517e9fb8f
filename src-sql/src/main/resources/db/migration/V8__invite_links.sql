-- LockIN schema, part 8: invite links (SPEC §13).
--
-- A link is a random code that lets any signed-in person join a group as a member, while it is
-- live: not revoked, not expired, not used up, and its group active with end_at in the future.
-- The code is made by the application (24 random bytes from SecureRandom, base64url without
-- padding: 32 characters, 192 bits); the CHECK keeps anything shorter than 128 bits out.
--
-- max_uses is a database guarantee: a join consumes a use with
--     update invite_links set uses = uses + 1
--      where code = ? and revoked_at is null and expires_at > now and uses < max_uses
--     returning group_id
-- Under READ COMMITTED concurrent joins queue on the row lock and each re-checks uses < max_uses
-- on the row the previous one committed, so no more than max_uses succeed; the CHECK
-- invite_links_uses_within_max is the backstop for any other writer.
create table invite_links (
    code       text        not null,
    -- a link dies with its group
    group_id   uuid        not null references groups (id) on delete cascade,
    -- the links a person made go with that person (the group keeps its other links)
    created_by uuid        not null references profiles (id) on delete cascade,
    expires_at timestamptz not null,
    max_uses   integer     not null,
    uses       integer     not null default 0,
    revoked_at timestamptz null,
    created_at timestamptz not null default lockin_now(),
    constraint invite_links_pkey primary key (code),
    -- URL-safe, at least 128 bits (22 base64url characters)
    constraint invite_links_code_shape check (code ~ '^[A-Za-z0-9_-]{22,64}$'),
    constraint invite_links_max_uses_range check (max_uses between 1 and 1000),
    constraint invite_links_uses_within_max check (uses >= 0 and uses <= max_uses),
    constraint invite_links_expires_after_created check (expires_at > created_at)
);
-- GET /api/groups/{id}/invite-links: a group's links, newest first
create index invite_links_group_idx on invite_links (group_id, created_at desc, code);

comment on table invite_links is
    'SPEC §13 invite links: a join consumes a use by a conditional update (uses < max_uses), never more than max_uses.';

-- Exactly one owner per group is group_members_one_owner (V1, a partial unique index on the
-- owner role); groups.owner_id repeats it. A transfer (SPEC §13) demotes the owner, then promotes
-- the new one, then moves groups.owner_id, all in one transaction: the index refuses any order
-- that would leave two owners at any instant, and the demotion is conditional (role = 'owner'),
-- so of two transfers at once only one finds an owner to demote.
