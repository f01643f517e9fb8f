-- LockIN schema, part 10: account deletion (SPEC §14).
--
-- Until now profiles were never deleted by the API, and the ON DELETE choices of V1 only decided
-- what an operator's manual delete did. DELETE /api/me now deletes profiles, so every foreign key
-- that points at profiles is decided here again, and says why in the catalog itself
-- (COMMENT ON CONSTRAINT; SchemaConstraintsTest checks that every such key has one). The rule is:
-- the key does by itself what SPEC §14 says happens to the row, and where §14 asks for a decision
-- (an heir, a stop) the key refuses, so that a plain "delete from profiles" can never skip it:
-- delete_account() below is the one way to delete a person.
--
--   auth_identities.profile_id  CASCADE   (unchanged) §14 deletes the caller's identities
--   group_members.user_id       CASCADE   (unchanged) §14 deletes the caller's memberships
--   session_participants.user_id CASCADE  (unchanged) §14 deletes the participations, and their
--                                         time logs with them (time_logs.participant_id CASCADE)
--   notifications.recipient_id  CASCADE   (unchanged) §14 deletes the notifications received
--   notifications.actor_id      SET NULL  (unchanged) §14: others keep the text, actor_id null
--   groups.owner_id             RESTRICT  (unchanged) an owned group passes to an heir or is
--                                         deleted first; a forgotten heir rule fails loudly
--   sessions.creator_id         SET NULL  (was RESTRICT, NOT NULL) §14: group sessions keep
--                                         running for the others with creator_id null; a personal
--                                         session must be deleted first (sessions_personal_has_creator)
--
-- time_logs.user_id has no foreign key on purpose (V1: it is derived from participant_id, whose
-- key is the real one), so logs go with their participation.

alter table sessions alter column creator_id drop not null;
alter table sessions drop constraint sessions_creator_id_fkey;
alter table sessions add constraint sessions_creator_id_fkey
    foreign key (creator_id) references profiles (id) on delete set null;
-- A personal session is its creator's alone: it cannot outlive them (SET NULL above then fails
-- here, so a personal session is deleted with the account, never orphaned).
alter table sessions add constraint sessions_personal_has_creator
    check (group_id is not null or creator_id is not null);

comment on constraint auth_identities_profile_id_fkey on auth_identities is
    'ON DELETE CASCADE: an identity means nothing without its profile; SPEC 14 deletes the caller''s identities.';
comment on constraint group_members_user_id_fkey on group_members is
    'ON DELETE CASCADE: SPEC 14 deletes the caller''s memberships (the owner''s group passes to an heir first: groups_owner_id_fkey).';
comment on constraint session_participants_user_id_fkey on session_participants is
    'ON DELETE CASCADE: SPEC 14 deletes the caller''s participations and, through time_logs_participant_id_fkey, their time logs (a hosted session gets its heir first: delete_account).';
comment on constraint notifications_recipient_id_fkey on notifications is
    'ON DELETE CASCADE: SPEC 14 deletes the notifications the caller received.';
comment on constraint notifications_actor_id_fkey on notifications is
    'ON DELETE SET NULL: SPEC 14, notifications others received keep their text with actor_id null.';
comment on constraint groups_owner_id_fkey on groups is
    'ON DELETE RESTRICT: SPEC 14 passes an owned group to an heir or deletes it (delete_account); a delete that skipped that rule is refused.';
comment on constraint sessions_creator_id_fkey on sessions is
    'ON DELETE SET NULL: SPEC 14, a group session keeps running for the others with creator_id null; a personal session cannot lose its creator (sessions_personal_has_creator), so it is deleted first (delete_account).';

-- ---------------------------------------------------------------------------------------------
-- Stops a session at "at", as the :stop transition does (FocusSession.apply): the running interval
-- closes into closed_run_micros, ended_at is set, and every open log of the session closes at the
-- same instant (a log that would not end after it starts holds no time and goes, as in FocusTime).
-- Nothing happens to a session already stopped. Used where the database itself stops sessions:
-- account deletion (a hosted session left with nobody) and forgotten sessions (V10_1).
create function stop_session_at(stopped_session uuid, at timestamptz) returns boolean
    language plpgsql
as $$
begin
    update sessions
       set status = 'stopped',
           ended_at = at,
           closed_run_micros = closed_run_micros + case when running_since is null then 0
               else greatest(0, floor(extract(epoch from (at - running_since)) * 1000000))::bigint end,
           running_since = null
     where id = stopped_session and status <> 'stopped';
    if not found then
        return false;
    end if;
    delete from time_logs where session_id = stopped_session and ended_at is null and started_at >= at;
    update time_logs set ended_at = at where session_id = stopped_session and ended_at is null;
    return true;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- SPEC §14: deletes the account "account" in the caller's transaction, as of "at"; returns what
-- changed for other people, so the application can tell the live streams:
--   ('member_left', group, null)      a group the account was a member of, still there
--   ('group_transferred', group, null) an owned group, now owned by its heir
--   ('group_deleted', group, null)    an owned group left with no member, deleted with its
--                                     sessions, logs and notifications (ON DELETE CASCADE of V1)
--   ('avatar', null, null, url)       the profile's avatar_url, read under the profile's lock, for
--                                     the application to delete the object once this commits
--   ('session_changed', group, session) a group session the account created or took part in:
--                                     its creator_id became null, its host passed to the earliest
--                                     joined participant still in it, or, with nobody left in it,
--                                     it was stopped
-- An unknown account changes nothing and returns nothing (a repeated delete).
-- Deletions are serialised database-wide by a transaction-scoped advisory lock: two people who are
-- each other's heirs may delete their accounts at the same moment, and the second must see the
-- first's outcome (the group it now owns) or its profile delete would meet groups_owner_id_fkey.
-- Deletions are rare, so waiting for another one costs nothing that matters. Each statement after
-- the lock sees what committed before it (READ COMMITTED). The members of an owned group and the
-- participants of a hosted session are locked before the heir is chosen, so an heir who leaves at
-- that moment either leaves first (and is not chosen) or after (and leaves as owner/host).
create function delete_account(account uuid, at timestamptz)
    returns table (change text, changed_group uuid, changed_session uuid, old_avatar_url text)
    language plpgsql
as $$
declare
    g            record;
    s            record;
    heir_member  uuid;
    heir_user    uuid;
    heir_part    uuid;
    touched      uuid[];
begin
    perform pg_advisory_xact_lock(0x4C4B4445); -- "LKDE": account deletions, one at a time
    select p.avatar_url into old_avatar_url from profiles p where p.id = account for update;
    if not found then
        return;
    end if;
    if old_avatar_url is not null then
        change := 'avatar'; changed_group := null; changed_session := null;
        return next;
    end if;
    old_avatar_url := null;

    -- every group session the account created or took part in (personal ones are deleted below)
    touched := array(
        select se.id from sessions se
         where se.group_id is not null
           and (se.creator_id = account
                or exists (select 1 from session_participants p where p.session_id = se.id and p.user_id = account)));

    -- owned groups: to the earliest-joined admin, else the earliest-joined member; else deleted
    for g in select gr.id from groups gr where gr.owner_id = account order by gr.id for update loop
        perform 1 from group_members m where m.group_id = g.id for update;
        delete from group_members m where m.group_id = g.id and m.user_id = account;
        heir_member := null;
        select m.id, m.user_id into heir_member, heir_user
          from group_members m
         where m.group_id = g.id
         order by case m.role when 'admin' then 0 else 1 end, m.created_at, m.user_id
         limit 1;
        if heir_member is null then
            delete from groups gr where gr.id = g.id;
            change := 'group_deleted'; changed_group := g.id; changed_session := null;
        else
            update group_members m set role = 'owner' where m.id = heir_member;
            update groups gr set owner_id = heir_user where gr.id = g.id;
            change := 'group_transferred'; changed_group := g.id; changed_session := null;
        end if;
        return next;
    end loop;

    -- the other groups the account belongs to (the membership goes with the profile below)
    for g in select m.group_id from group_members m where m.user_id = account order by m.group_id loop
        change := 'member_left'; changed_group := g.group_id; changed_session := null;
        return next;
    end loop;

    -- personal sessions go, with their participations, logs and reminders
    delete from sessions se where se.creator_id = account and se.group_id is null;

    -- hosted group sessions: to the participant who joined earliest and has not left; else stopped
    for s in select se.id from sessions se
               join session_participants p on p.session_id = se.id
              where p.user_id = account and p.role = 'host'
              order by se.id
                for update of se loop
        perform 1 from session_participants p where p.session_id = s.id for update;
        delete from session_participants p where p.session_id = s.id and p.user_id = account;
        heir_part := null;
        select p.id into heir_part
          from session_participants p
         where p.session_id = s.id and p.left_at is null
         order by p.joined_at, p.user_id
         limit 1;
        if heir_part is not null then
            update session_participants p set role = 'host' where p.id = heir_part;
        else
            perform stop_session_at(s.id, at);
        end if;
    end loop;

    -- those of deleted groups are gone
    for s in select se.id, se.group_id from sessions se where se.id = any (touched) order by se.id loop
        change := 'session_changed'; changed_group := s.group_id; changed_session := s.id;
        return next;
    end loop;

    -- the rest follows the foreign keys (see the top of this file): identities, memberships,
    -- participations and their logs, notifications received go; actor_id and creator_id become null
    delete from profiles where id = account;
end
$$;
