-- LockIN schema, part 1: extensions, tables, plain constraints and indexes (SPEC §3).
--
-- Conventions:
--  * ids are uuid default gen_random_uuid(); every instant is timestamptz (the server runs in UTC).
--  * enumerations are text + CHECK with the spec's lowercase values (no PostgreSQL enum types:
--    adding a value to a CHECK is a plain migration, and JDBC binds them as strings).
--  * constraints the Java side maps to API error codes have stable names; the application reads
--    them from the PostgreSQL error (ServerErrorMessage.getConstraint()). Do not rename them.
--  * ON DELETE is chosen per foreign key and commented. Profiles are never deleted by the API; the
--    choices only decide what an operator's manual delete does: rows that only make sense for one
--    person go with that person, rows that other people depend on block the delete.
-- Rules that need functions (triggers, the timezone check, the exclusion constraint, ...) are in
-- V2, the progress view and its index in V3.

create extension if not exists pgcrypto;    -- gen_random_uuid() (built in since PG 13; spec asks for it)
create extension if not exists citext;      -- case-insensitive e-mail
create extension if not exists btree_gist;  -- "user_id with =" inside the time_logs exclusion constraint

-- ---------------------------------------------------------------------------------------------
-- profiles: one per person; profiles.id is the user id everywhere.
create table profiles (
    id           uuid        not null default gen_random_uuid(),
    email        citext      null,
    display_name text        not null,
    avatar_url   text        null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint profiles_pkey primary key (id),
    constraint profiles_email_key unique (email),
    constraint profiles_display_name_not_blank check (btrim(display_name) <> '')
);

-- auth_identities: (iss, sub) of an identity provider -> profile (SPEC §2).
create table auth_identities (
    id         uuid not null default gen_random_uuid(),
    provider   text not null,
    subject    text not null,
    -- an identity is meaningless without its profile: deleting the profile deletes it
    profile_id uuid not null references profiles (id) on delete cascade,
    constraint auth_identities_pkey primary key (id),
    -- concurrent first calls with the same token create exactly one identity (and one profile)
    constraint auth_identities_provider_subject_key unique (provider, subject),
    constraint auth_identities_provider_not_blank check (provider <> ''),
    constraint auth_identities_subject_not_blank check (subject <> '')
);
create index auth_identities_profile_idx on auth_identities (profile_id);

-- ---------------------------------------------------------------------------------------------
-- groups: time-boxed focus groups with a daily or weekly target (SPEC §5).
create table groups (
    id                    uuid        not null default gen_random_uuid(),
    -- the owner cannot be deleted while owning a group: ownership must move first
    owner_id              uuid        not null references profiles (id) on delete restrict,
    name                  text        not null,
    description           text        null,
    start_at              timestamptz not null,
    end_at                timestamptz not null,
    timezone              text        not null, -- IANA name; validity checked in V2 (groups_timezone_valid)
    period                text        not null,
    period_target_minutes integer     not null,
    status                text        not null default 'active',
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint groups_pkey primary key (id),
    constraint groups_name_length check (char_length(name) between 1 and 100 and btrim(name) <> ''),
    constraint groups_description_length check (char_length(description) <= 1000),
    constraint groups_end_after_start check (end_at > start_at),
    constraint groups_period_valid check (period in ('daily', 'weekly')),
    -- a daily target cannot exceed a day, a weekly one a week
    constraint groups_period_target_minutes_range check (
        period_target_minutes > 0
        and period_target_minutes <= case period when 'daily' then 1440 else 10080 end),
    constraint groups_status_valid check (status in ('active', 'archived'))
);
create index groups_owner_idx on groups (owner_id);
-- archive_expired_groups() looks only at active groups by end_at
create index groups_active_end_at_idx on groups (end_at) where status = 'active';

-- group_members: membership with a role and an optional personal target.
create table group_members (
    id                             uuid        not null default gen_random_uuid(),
    -- a membership dies with its group or its person
    group_id                       uuid        not null references groups (id) on delete cascade,
    user_id                        uuid        not null references profiles (id) on delete cascade,
    role                           text        not null default 'member',
    override_period_target_minutes integer     null,
    created_at                     timestamptz not null default now(),
    constraint group_members_pkey primary key (id),
    constraint group_members_unique_member unique (group_id, user_id),
    constraint group_members_role_valid check (role in ('owner', 'admin', 'member')),
    -- the weekly bound here; the daily bound (1440) needs the group's period: trigger in V2,
    -- raising the same constraint name
    constraint group_members_override_target_range check (
        override_period_target_minutes > 0 and override_period_target_minutes <= 10080)
);
-- "my groups" (GET /api/groups, GET /api/me memberships)
create index group_members_user_idx on group_members (user_id);
-- exactly one owner per group (clone_group hands the role over, the previous owner becomes admin)
create unique index group_members_one_owner on group_members (group_id) where role = 'owner';

-- ---------------------------------------------------------------------------------------------
-- sessions: a focus session, personal (group_id null) or of a group (SPEC §7).
create table sessions (
    id         uuid        not null default gen_random_uuid(),
    -- a group session is part of the group's history: it goes with the group
    group_id   uuid        null references groups (id) on delete cascade,
    -- other participants' time hangs off the session: its creator cannot simply vanish
    creator_id uuid        not null references profiles (id) on delete restrict,
    status     text        not null default 'created',
    started_at timestamptz null,
    ended_at   timestamptz null,
    created_at timestamptz not null default now(),
    constraint sessions_pkey primary key (id),
    constraint sessions_status_valid check (status in ('created', 'running', 'paused', 'stopped')),
    -- the timestamps follow the state machine: created has neither, running/paused started and
    -- not ended, stopped has ended (started_at stays null when stopped straight from created)
    constraint sessions_status_timestamps check (
        case status
            when 'created' then started_at is null and ended_at is null
            when 'running' then started_at is not null and ended_at is null
            when 'paused'  then started_at is not null and ended_at is null
            when 'stopped' then ended_at is not null
        end),
    constraint sessions_ended_after_started check (ended_at >= started_at)
);
create index sessions_group_idx on sessions (group_id, created_at desc) where group_id is not null;
create index sessions_creator_idx on sessions (creator_id);

-- session_participants: who takes part in a session.
create table session_participants (
    id         uuid        not null default gen_random_uuid(),
    -- participation and its logs go with the session / the person
    session_id uuid        not null references sessions (id) on delete cascade,
    user_id    uuid        not null references profiles (id) on delete cascade,
    role       text        not null default 'participant',
    joined_at  timestamptz not null default now(),
    left_at    timestamptz null,
    constraint session_participants_pkey primary key (id),
    constraint session_participants_unique_user unique (session_id, user_id),
    constraint session_participants_role_valid check (role in ('host', 'participant')),
    constraint session_participants_left_after_joined check (left_at >= joined_at)
);
create index session_participants_user_idx on session_participants (user_id);
create unique index session_participants_one_host on session_participants (session_id) where role = 'host';

-- time_logs: intervals of focus of one participant; ended_at null = focusing now.
--
-- Denormalisation: user_id, session_id and group_id copy session_participants.user_id,
-- session_participants.session_id and sessions.group_id. They are filled by the BEFORE INSERT
-- trigger fill_time_log_owner() (V2) -- the application never sets them -- and can never change
-- afterwards (time_logs_*_immutable, and the parents' keys are immutable too). They exist because
--  * the "no two logs of one person overlap" exclusion constraint and the "one open log per
--    person" unique index need the person on the row itself, and
--  * the progress view must find a member's logs of one group inside one period with a single
--    index range scan, without visiting every participation of that person.
-- No foreign keys on them: they are derived from participant_id, whose FK is the real one.
create table time_logs (
    id             uuid        not null default gen_random_uuid(),
    -- a log is part of its participation
    participant_id uuid        not null references session_participants (id) on delete cascade,
    user_id        uuid        not null,
    session_id     uuid        not null,
    group_id       uuid        null,
    started_at     timestamptz not null,
    ended_at       timestamptz null,
    created_at     timestamptz not null default now(),
    constraint time_logs_pkey primary key (id),
    constraint time_logs_ended_after_started check (ended_at > started_at)
);
create index time_logs_participant_idx on time_logs (participant_id, started_at);
-- At most one open log per person. Created before the exclusion constraint (V2) on purpose:
-- PostgreSQL checks index constraints in creation order, so a second open log reports this
-- precise name (API: already_focusing) rather than the general overlap.
create unique index time_logs_one_open_per_user on time_logs (user_id) where ended_at is null;

-- ---------------------------------------------------------------------------------------------
-- notifications: the inbox; invites are notifications of kind group_invite (SPEC §6, §8).
create table notifications (
    id           uuid        not null default gen_random_uuid(),
    -- an inbox belongs to one person
    recipient_id uuid        not null references profiles (id) on delete cascade,
    kind         text        not null,
    status       text        not null default 'unread',
    title        text        not null,
    body         text        null,
    -- invites and milestones about a deleted group are meaningless
    group_id     uuid        null references groups (id) on delete cascade,
    -- the recipient keeps the notification when the actor goes away
    actor_id     uuid        null references profiles (id) on delete set null,
    period_start timestamptz null,
    created_at   timestamptz not null default now(),
    read_at      timestamptz null,
    constraint notifications_pkey primary key (id),
    constraint notifications_kind_valid check (kind in
        ('group_invite', 'milestone_member', 'milestone_group', 'session_reminder', 'generic')),
    constraint notifications_status_valid check (status in ('unread', 'read', 'accepted', 'declined')),
    -- only an invite can be accepted or declined
    constraint notifications_decision_only_for_invites check (
        status in ('unread', 'read') or kind = 'group_invite'),
    constraint notifications_invite_has_group check (kind <> 'group_invite' or group_id is not null),
    -- a milestone without group or period would escape notifications_one_milestone_per_period
    constraint notifications_milestone_has_period check (
        kind not in ('milestone_member', 'milestone_group')
        or (group_id is not null and period_start is not null))
);
-- each milestone exactly once per (kind, group, recipient, period), even under concurrency;
-- usable as ON CONFLICT (kind, group_id, recipient_id, period_start)
--   WHERE kind IN ('milestone_member', 'milestone_group') DO NOTHING
create unique index notifications_one_milestone_per_period
    on notifications (kind, group_id, recipient_id, period_start)
    where kind in ('milestone_member', 'milestone_group');
-- at most one pending invite per (group, recipient): two simultaneous invites leave one
create unique index notifications_one_pending_invite
    on notifications (group_id, recipient_id)
    where kind = 'group_invite' and status in ('unread', 'read');
-- the inbox, newest first, keyset-paginated on (created_at, id); and its unread=true variant
create index notifications_inbox_idx on notifications (recipient_id, created_at desc, id desc);
create index notifications_inbox_unread_idx on notifications (recipient_id, created_at desc, id desc)
    where read_at is null;
create index notifications_group_idx on notifications (group_id) where group_id is not null;
