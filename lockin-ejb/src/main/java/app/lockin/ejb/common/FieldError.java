package app.lockin.ejb.common;

/** One offending input field, named as the client spells it (snake_case). */
public record FieldError(String field, String message) {
}
