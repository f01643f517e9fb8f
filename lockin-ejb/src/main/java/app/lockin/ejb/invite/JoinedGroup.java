package app.lockin.ejb.invite;

/** {@code POST /api/invite-links/{code}:join}: the membership, and whether the join created it (201) or found it (200). */
public record JoinedGroup(boolean created, AcceptedInvite.NewMembership membership) {
}
