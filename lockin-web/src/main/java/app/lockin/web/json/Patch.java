package app.lockin.web.json;

import java.util.Set;

/**
 * A PATCH body (SPEC §4, §5): a request record that also knows which fields the client sent —
 * in a PATCH an absent field stays as it is, while {@code null} removes a value. Fields that
 * cannot be removed refuse {@code null}; those that can are marked {@link Removable}.
 *
 * <p>The record's last component is {@code sentFields}: {@link RequestBodyReader} fills it, a
 * client cannot send it.
 */
public interface Patch {

    /** The JSON names of the fields the client sent, null included. */
    Set<String> sentFields();

    default boolean has(String field) {
        return sentFields().contains(field);
    }
}
