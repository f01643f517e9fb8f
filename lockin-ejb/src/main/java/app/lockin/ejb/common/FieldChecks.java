package app.lockin.ejb.common;

import java.util.ArrayList;
import java.util.List;

/**
 * The one collector of field-level refusals (request bodies, query parameters, Bean Validation
 * violations and the services' own rules alike): every refusal of one request is gathered before
 * answering, so the client learns all its mistakes in one round trip (400
 * {@code validation_failed} with one error per field, SPEC §1).
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
            throw failure();
        }
    }

    /** The refusal of everything collected so far (where it is answered rather than thrown). */
    public InvalidInputException failure() {
        return InvalidInputException.validationFailed(errors);
    }
}
