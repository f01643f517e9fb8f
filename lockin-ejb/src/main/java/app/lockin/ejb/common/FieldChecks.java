package app.lockin.ejb.common;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects every field-level refusal of one request before answering, so the client learns all
 * its mistakes in one round trip (400 {@code validation_failed} with one error per field).
 */
public final class FieldChecks {

    private final List<FieldError> errors = new ArrayList<>();

    public FieldChecks refuse(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    /** Refuses {@code field} when {@code value} is null; answers whether it was present. */
    public boolean require(String field, Object value) {
        if (value == null) {
            refuse(field, "is required");
            return false;
        }
        return true;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException("validation_failed", "Invalid field(s): "
                    + errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", ")), errors);
        }
    }
}
