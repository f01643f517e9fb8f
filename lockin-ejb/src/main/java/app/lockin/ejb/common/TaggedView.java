package app.lockin.ejb.common;

/**
 * A view whose answers carry an {@code ETag} and whose {@code PATCH} honours {@code If-Match}
 * (SPEC §15: the profile, a group, a member). The tag is a hash of the view itself
 * ({@link EntityTags}), so it changes whenever a field of the answer changes, whichever table
 * the field comes from (a group's {@code member_count}, a profile's memberships), with no version
 * column to keep in step.
 */
public interface TaggedView {

    /** The strong entity tag of this view, quoted: {@code "…"}. */
    default String entityTag() {
        return EntityTags.of(this);
    }
}
