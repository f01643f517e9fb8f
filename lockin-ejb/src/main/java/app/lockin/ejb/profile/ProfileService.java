package app.lockin.ejb.profile;

import app.lockin.ejb.common.IfMatch;
import app.lockin.ejb.common.InvalidInputException;
import app.lockin.ejb.common.NotFoundException;
import app.lockin.ejb.live.LivePublisher;
import app.lockin.persistence.profile.Profile;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/** Profiles: who a token is (provisioned on first sight) and the caller's own profile. */
@Stateless
public class ProfileService {

    private static final Logger LOG = Logger.getLogger(ProfileService.class.getName());

    @PersistenceContext(unitName = "lockin")
    private EntityManager em;

    @EJB
    private LivePublisher live;

    @Resource(lookup = "jdbc/lockin")
    private DataSource dataSource;

    @EJB
    private AvatarService avatars;

    /**
     * The profile id of this identity, creating the profile and the identity in this transaction
     * on the first call (SPEC §2). Concurrent first calls with the same token serialise on a
     * transaction-scoped advisory lock keyed by the identity, so exactly one profile is created;
     * {@code unique(provider, subject)} remains the guarantee.
     */
    public UUID provision(CallerIdentity caller) {
        UUID existing = profileIdOf(caller);
        if (existing != null) {
            return existing;
        }
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1), hashtext(?2))")
                .setParameter(1, caller.provider())
                .setParameter(2, caller.subject())
                .getSingleResult();
        existing = profileIdOf(caller);
        if (existing != null) {
            return existing;
        }
        String displayName = DisplayNames.fromClaim(caller.displayName());
        // an email already used by another identity is not taken over: the new profile starts without one
        List<?> created = em.createNativeQuery("""
                        insert into profiles (email, display_name) values (?1, ?2)
                        on conflict (email) do nothing returning id""", UUID.class)
                .setParameter(1, blankToNull(caller.email()))
                .setParameter(2, displayName)
                .getResultList();
        UUID profileId = created.isEmpty()
                ? (UUID) em.createNativeQuery("insert into profiles (display_name) values (?1) returning id", UUID.class)
                        .setParameter(1, displayName).getSingleResult()
                : (UUID) created.get(0);
        em.createNativeQuery("insert into auth_identities (provider, subject, profile_id) values (?1, ?2, ?3)")
                .setParameter(1, caller.provider())
                .setParameter(2, caller.subject())
                .setParameter(3, profileId)
                .executeUpdate();
        LOG.info(() -> "Provisioned profile " + profileId + " for a new identity of " + caller.provider());
        return profileId;
    }

    /** {@code GET /api/me}: the profile joined with its memberships (one row each, or one with nulls), in {@link #viewOf}'s order. */
    private static final String ME_SQL = """
            select p.id, cast(p.email as text), p.display_name, p.avatar_url, p.created_at, p.updated_at,
                   g.id, g.name, m.role, g.status
              from profiles p
              left join group_members m on m.user_id = p.id
              left join groups g on g.id = m.group_id
             where p.id = ?
             order by g.created_at desc, g.id""";

    /**
     * {@code GET /api/me}, the app's most frequent call: one read-only statement, run with plain
     * JDBC in autocommit outside a transaction. It changes nothing and needs no managed entity, and
     * on this path Hibernate's session and the transaction's commit round trip cost more than the
     * query itself. The data source is the same pool (same statement timeout); a database fault
     * keeps its SQLException as the cause, which answers 503 like any other.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ProfileView me(UUID userId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(ME_SQL)) {
            query.setObject(1, userId);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("No such profile");
                }
                UUID id = rs.getObject(1, UUID.class);
                String email = rs.getString(2);
                String displayName = rs.getString(3);
                String avatarUrl = rs.getString(4);
                Instant createdAt = instant(rs, 5);
                Instant updatedAt = instant(rs, 6);
                List<ProfileView.MembershipSummary> memberships = new ArrayList<>();
                do {
                    UUID groupId = rs.getObject(7, UUID.class);
                    if (groupId != null) {
                        memberships.add(new ProfileView.MembershipSummary(groupId, rs.getString(8), rs.getString(9),
                                rs.getString(10)));
                    }
                } while (rs.next());
                return new ProfileView(id, email, displayName, avatarUrl, createdAt, updatedAt, List.copyOf(memberships));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the profile", e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /**
     * Applies the changes when {@code precondition} matches the profile as it is now (SPEC §15;
     * checked on the locked row, so two changes of one version cannot both pass).
     */
    public ProfileView update(UUID userId, ProfileChanges changes, IfMatch precondition) {
        Profile profile = em.find(Profile.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (profile == null) {
            throw new NotFoundException("No such profile");
        }
        precondition.check(viewOf(profile));
        if (changes.renames()) {
            profile.rename(changes.displayName());
        }
        if (changes.changesAvatar()) {
            String url = changes.avatarUrl();
            if (url != null && !avatars.isHandedOutTo(userId, url)) {
                throw InvalidInputException.field("invalid_avatar_url", "avatar_url",
                        "must be null or an avatar_url handed out to you by POST /api/profiles/avatar/upload-url");
            }
            profile.changeAvatar(url);
        }
        em.flush(); // the database sets updated_at; Hibernate reads it back with the update
        if (changes.renames() || changes.changesAvatar()) {
            live.profileChanged(userId); // the name and avatar are in every race the person is in
        }
        return viewOf(profile);
    }

    private ProfileView viewOf(Profile profile) {
        @SuppressWarnings("unchecked")
        List<ProfileView.MembershipSummary> memberships = em.createNativeQuery("""
                        select g.id, g.name, m.role, g.status
                        from group_members m join groups g on g.id = m.group_id
                        where m.user_id = ?1
                        order by g.created_at desc, g.id""", ProfileView.MembershipSummary.class)
                .setParameter(1, profile.getId())
                .getResultList();
        return new ProfileView(profile.getId(), profile.getEmail(), profile.getDisplayName(), profile.getAvatarUrl(),
                profile.getCreatedAt(), profile.getUpdatedAt(), memberships);
    }

    private UUID profileIdOf(CallerIdentity caller) {
        List<?> ids = em.createNativeQuery(
                        "select profile_id from auth_identities where provider = ?1 and subject = ?2", UUID.class)
                .setParameter(1, caller.provider())
                .setParameter(2, caller.subject())
                .getResultList();
        return ids.isEmpty() ? null : (UUID) ids.get(0);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
