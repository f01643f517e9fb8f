package app.lockin.sql;

import app.lockin.sql.SqlFixture.GroupSpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.UUID;

import static app.lockin.sql.SqlFixture.CHECK_VIOLATION;
import static app.lockin.sql.SqlFixture.UNIQUE_VIOLATION;
import static app.lockin.sql.SqlFixture.assertRejected;
import static app.lockin.sql.SqlFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Constraints and triggers of profiles, groups, members, sessions and notifications (SPEC §3). */
class SchemaConstraintsTest {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();



    @Nested
    class Profiles {

        @Test
        void emailIsUniqueIgnoringCase() {
            UUID ann = db.profile();
            UUID bob = db.profile();
            db.update("update profiles set email = 'Ann@Example.com' where id = ?", ann);
            assertRejected(UNIQUE_VIOLATION, "profiles_email_key",
                    () -> db.update("update profiles set email = 'ann@example.COM' where id = ?", bob));
        }

        @Test
        void manyProfilesMayHaveNoEmail() {
            db.profile();
            db.profile();
            long withoutEmail = db.queryOne("select count(*) from profiles where email is null");
            assertTrue(withoutEmail >= 2);
        }

        @Test
        void displayNameIsNotBlank() {
            assertRejected(CHECK_VIOLATION, "profiles_display_name_not_blank",
                    () -> db.update("insert into profiles (display_name) values ('  ')"));
        }

        @Test
        void displayNameIsAtMostEightyCharacters() {
            UUID ann = db.profile();
            db.update("update profiles set display_name = repeat('é', 80) where id = ?", ann);
            assertRejected(CHECK_VIOLATION, "profiles_display_name_length",
                    () -> db.update("update profiles set display_name = repeat('x', 81) where id = ?", ann));
        }

        @Test
        void updatedAtFollowsUpdates() {
            UUID ann = db.profile();
            db.update("update profiles set updated_at = '2000-01-01Z', created_at = '2000-01-01Z' where id = ?", ann);
            Instant updated = db.queryOne("select updated_at from profiles where id = ?", ann);
            // the trigger wrote now() over the value the statement tried to set
            assertTrue(updated.isAfter(at("2020-01-01T00:00:00Z")), "updated_at " + updated);
        }

        @Test
        void oneIdentityPerProviderAndSubject() {
            UUID ann = db.profile();
            UUID bob = db.profile();
            String insert = "insert into auth_identities (provider, subject, profile_id) values ('https://issuer', 'sub-1', ?)";
            db.update(insert, ann);
            assertRejected(UNIQUE_VIOLATION, "auth_identities_provider_subject_key", () -> db.update(insert, bob));
        }
    }

    @Nested
    class Groups {

        final UUID owner = db.profile();

        @Test
        void endsAfterItStarts() {
            GroupSpec backwards = GroupSpec.daily("UTC", 60).window(at("2026-02-01T00:00:00Z"), at("2026-01-01T00:00:00Z"));
            assertRejected(CHECK_VIOLATION, "groups_end_after_start", () -> db.group(owner, backwards));
            GroupSpec empty = GroupSpec.daily("UTC", 60).window(at("2026-02-01T00:00:00Z"), at("2026-02-01T00:00:00Z"));
            assertRejected(CHECK_VIOLATION, "groups_end_after_start", () -> db.group(owner, empty));
        }

        @Test
        void dailyTargetIsBetweenOneMinuteAndOneDay() {
            db.group(owner, GroupSpec.daily("UTC", 1));
            db.group(owner, GroupSpec.daily("UTC", 1440));
            assertRejected(CHECK_VIOLATION, "groups_period_target_minutes_range", () -> db.group(owner, GroupSpec.daily("UTC", 0)));
            assertRejected(CHECK_VIOLATION, "groups_period_target_minutes_range", () -> db.group(owner, GroupSpec.daily("UTC", 1441)));
        }

        @Test
        void weeklyTargetIsAtMostOneWeek() {
            db.group(owner, GroupSpec.weekly("UTC", 10080));
            assertRejected(CHECK_VIOLATION, "groups_period_target_minutes_range", () -> db.group(owner, GroupSpec.weekly("UTC", 10081)));
            assertRejected(CHECK_VIOLATION, "groups_period_target_minutes_range", () -> db.group(owner, GroupSpec.weekly("UTC", -5)));
        }

        @Test
        void timezoneIsAnIanaName() {
            db.group(owner, GroupSpec.daily("Asia/Kathmandu", 60));
            db.group(owner, GroupSpec.daily("UTC", 60));
            for (String bad : new String[] {"Mars/Olympus_Mons", "CEST", "EST", "Factory", "UTC+3", "europe/paris", ""}) {
                assertRejected(CHECK_VIOLATION, "groups_timezone_valid", () -> db.group(owner, GroupSpec.daily(bad, 60)));
            }
        }

        @Test
        void timezoneIsCheckedOnUpdateToo() {
            UUID group = db.group(owner);
            assertRejected(CHECK_VIOLATION, "groups_timezone_valid",
                    () -> db.update("update groups set timezone = 'Nowhere/Town' where id = ?", group));
        }

        @Test
        void nameIsOneToHundredCharacters() {
            UUID group = db.group(owner);
            db.update("update groups set name = repeat('é', 100) where id = ?", group);
            assertRejected(CHECK_VIOLATION, "groups_name_length",
                    () -> db.update("update groups set name = repeat('x', 101) where id = ?", group));
            assertRejected(CHECK_VIOLATION, "groups_name_length",
                    () -> db.update("update groups set name = '' where id = ?", group));
        }

        @Test
        void descriptionIsAtMostThousandCharacters() {
            UUID group = db.group(owner);
            db.update("update groups set description = repeat('x', 1000) where id = ?", group);
            db.update("update groups set description = null where id = ?", group);
            assertRejected(CHECK_VIOLATION, "groups_description_length",
                    () -> db.update("update groups set description = repeat('x', 1001) where id = ?", group));
        }

        @Test
        void periodAndStatusTakeTheSpecValues() {
            UUID group = db.group(owner);
            assertRejected(CHECK_VIOLATION, "groups_period_valid",
                    () -> db.update("update groups set period = 'monthly' where id = ?", group));
            assertRejected(CHECK_VIOLATION, "groups_status_valid",
                    () -> db.update("update groups set status = 'deleted' where id = ?", group));
        }

        @Test
        void updatedAtFollowsUpdates() {
            UUID group = db.group(owner);
            db.update("update groups set updated_at = '2000-01-01Z' where id = ?", group);
            Instant updated = db.queryOne("select updated_at from groups where id = ?", group);
            assertTrue(updated.isAfter(at("2020-01-01T00:00:00Z")), "updated_at " + updated);
        }
    }

    @Nested
    class Members {

        final UUID owner = db.profile();
        final UUID ann = db.profile();

        @Test
        void aPersonIsMemberOnce() {
            UUID group = db.group(owner);
            db.member(group, ann, "member");
            assertRejected(UNIQUE_VIOLATION, "group_members_unique_member", () -> db.member(group, ann, "admin"));
        }

        @Test
        void noMemberJoinsAnArchivedGroup() {
            UUID group = db.group(owner, GroupSpec.daily("UTC", 60).archived());
            assertRejected(CHECK_VIOLATION, "group_members_group_active", () -> db.member(group, ann, "member"));
        }

        @Test
        void membersOfAGroupArchivedLaterStay() {
            UUID group = db.group(owner);
            db.member(group, ann, "member");
            db.update("update groups set status = 'archived' where id = ?", group);
            long members = db.queryOne("select count(*) from group_members where group_id = ?", group);
            assertEquals(2, members);
        }

        @Test
        void oneOwnerPerGroup() {
            UUID group = db.group(owner);
            assertRejected(UNIQUE_VIOLATION, "group_members_one_owner", () -> db.member(group, ann, "owner"));
        }

        @Test
        void roleTakesTheSpecValues() {
            UUID group = db.group(owner);
            assertRejected(CHECK_VIOLATION, "group_members_role_valid", () -> db.member(group, ann, "boss"));
        }

        @Test
        void dailyOverrideIsAtMostOneDay() {
            UUID group = db.group(owner, GroupSpec.daily("UTC", 60));
            UUID membership = db.member(group, ann, "member", 1440);
            assertRejected(CHECK_VIOLATION, "group_members_override_target_range",
                    () -> db.update("update group_members set override_period_target_minutes = 1441 where id = ?", membership));
            assertRejected(CHECK_VIOLATION, "group_members_override_target_range",
                    () -> db.update("update group_members set override_period_target_minutes = 0 where id = ?", membership));
        }

        @Test
        void weeklyOverrideIsAtMostOneWeek() {
            UUID group = db.group(owner, GroupSpec.weekly("UTC", 60));
            UUID membership = db.member(group, ann, "member", 10080);
            assertRejected(CHECK_VIOLATION, "group_members_override_target_range",
                    () -> db.update("update group_members set override_period_target_minutes = 10081 where id = ?", membership));
        }

        @Test
        void aGroupTurningDailyKeepsNoOverrideAboveOneDay() {
            UUID group = db.group(owner, GroupSpec.weekly("UTC", 60));
            db.member(group, ann, "member", 2000);
            assertRejected(CHECK_VIOLATION, "group_members_override_target_range",
                    () -> db.update("update groups set period = 'daily' where id = ?", group));
        }

        @Test
        void aMembershipNeverMovesToAnotherGroupOrPerson() {
            UUID group = db.group(owner);
            UUID other = db.group(owner);
            UUID membership = db.member(group, ann, "member");
            assertRejected(CHECK_VIOLATION, "group_members_group_id_immutable",
                    () -> db.update("update group_members set group_id = ? where id = ?", other, membership));
            assertRejected(CHECK_VIOLATION, "group_members_user_id_immutable",
                    () -> db.update("update group_members set user_id = ? where id = ?", owner, membership));
        }
    }

    @Nested
    class Sessions {

        final UUID host = db.profile();
        final UUID ann = db.profile();

        @Test
        void timestampsFollowTheStatus() {
            UUID session = db.createdSession(null, host);
            assertRejected(CHECK_VIOLATION, "sessions_status_timestamps",
                    () -> db.update("update sessions set status = 'running' where id = ?", session));
            assertRejected(CHECK_VIOLATION, "sessions_status_timestamps",
                    () -> db.update("update sessions set status = 'stopped' where id = ?", session));
            // stopped straight from created: ended, never started
            db.update("update sessions set status = 'stopped', ended_at = now() where id = ?", session);
        }

        @Test
        void statusTakesTheSpecValues() {
            UUID session = db.createdSession(null, host);
            assertRejected(CHECK_VIOLATION, "sessions_status_valid",
                    () -> db.update("update sessions set status = 'finished' where id = ?", session));
        }

        @Test
        void endsNoEarlierThanItStarted() {
            assertRejected(CHECK_VIOLATION, "sessions_ended_after_started",
                    () -> db.stoppedSession(null, host, at("2026-05-01T10:00:00Z"), at("2026-05-01T09:00:00Z")));
        }

        @Test
        void aPersonParticipatesOnce() {
            UUID session = db.createdSession(null, host);
            db.participant(session, ann);
            assertRejected(UNIQUE_VIOLATION, "session_participants_unique_user", () -> db.participant(session, ann));
        }

        @Test
        void oneHostPerSession() {
            UUID session = db.createdSession(null, host);
            String hostInsert = "insert into session_participants (session_id, user_id, role) values (?, ?, 'host')";
            db.update(hostInsert, session, host);
            assertRejected(UNIQUE_VIOLATION, "session_participants_one_host", () -> db.update(hostInsert, session, ann));
        }

        @Test
        void aGroupSessionStaysInItsGroup() {
            UUID group = db.group(host);
            UUID session = db.createdSession(group, host);
            assertRejected(CHECK_VIOLATION, "sessions_group_id_immutable",
                    () -> db.update("update sessions set group_id = null where id = ?", session));
        }
    }

    @Nested
    class Notifications {

        final UUID owner = db.profile();
        final UUID ann = db.profile();
        final UUID group = db.group(owner);
        final Instant today = at("2026-05-01T00:00:00Z");

        @Test
        void oneMilestonePerKindGroupRecipientAndPeriod() {
            db.notification(ann, "milestone_member", group, today);
            assertRejected(UNIQUE_VIOLATION, "notifications_one_milestone_per_period",
                    () -> db.notification(ann, "milestone_member", group, today));
            // another kind, another period, another recipient: all fine
            db.notification(ann, "milestone_group", group, today);
            db.notification(ann, "milestone_member", group, today.plusSeconds(86400));
            db.notification(owner, "milestone_member", group, today);
        }

        @Test
        void milestoneInsertsCanIgnoreTheDuplicate() {
            String insert = """
                    insert into notifications (recipient_id, kind, title, group_id, period_start)
                    values (?, 'milestone_member', 'goal met', ?, ?)
                    on conflict (kind, group_id, recipient_id, period_start)
                        where kind in ('milestone_member', 'milestone_group') do nothing""";
            assertEquals(1, db.update(insert, ann, group, today.plusSeconds(7 * 86400)));
            assertEquals(0, db.update(insert, ann, group, today.plusSeconds(7 * 86400)));
        }

        @Test
        void aMilestoneNamesItsGroupAndPeriod() {
            assertRejected(CHECK_VIOLATION, "notifications_milestone_has_period",
                    () -> db.notification(ann, "milestone_group", group, null));
        }

        @Test
        void onePendingInvitePerGroupAndRecipient() {
            UUID invite = db.notification(ann, "group_invite", group, null);
            assertRejected(UNIQUE_VIOLATION, "notifications_one_pending_invite",
                    () -> db.notification(ann, "group_invite", group, null));
            // still pending once read
            db.update("update notifications set status = 'read', read_at = now() where id = ?", invite);
            assertRejected(UNIQUE_VIOLATION, "notifications_one_pending_invite",
                    () -> db.notification(ann, "group_invite", group, null));
            // declined: a new invite may come
            db.update("update notifications set status = 'declined' where id = ?", invite);
            db.notification(ann, "group_invite", group, null);
        }

        @Test
        void anInviteNamesItsGroup() {
            assertRejected(CHECK_VIOLATION, "notifications_invite_has_group",
                    () -> db.notification(ann, "group_invite", null, null));
        }

        @Test
        void onlyInvitesAreAcceptedOrDeclined() {
            UUID generic = db.notification(ann, "generic", null, null);
            assertRejected(CHECK_VIOLATION, "notifications_decision_only_for_invites",
                    () -> db.update("update notifications set status = 'accepted' where id = ?", generic));
        }

        @Test
        void kindAndStatusTakeTheSpecValues() {
            assertRejected(CHECK_VIOLATION, "notifications_kind_valid", () -> db.notification(ann, "spam", null, null));
            UUID invite = db.notification(ann, "group_invite", group, null);
            assertRejected(CHECK_VIOLATION, "notifications_status_valid",
                    () -> db.update("update notifications set status = 'archived' where id = ?", invite));
        }
    }
}
