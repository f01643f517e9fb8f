package app.lockin.web.json;

import jakarta.validation.Valid;

import java.util.Set;

/**
 * A PATCH body (SPEC §4, §5): the fields the client sent, bound and validated like any request
 * record, and which of them it sent at all — in a PATCH an absent field stays as it is, while
 * {@code null} removes a value. Fields that cannot be removed refuse {@code null}; those that
 * can are marked {@link Removable} on the record.
 */
public record Patch<R extends Record>(@Valid R values, Set<String> fields) {

    /** Whether the client sent {@code field} (as spelled in JSON), null included. */
    public boolean has(String field) {
        return fields.contains(field);
    }
}
