package app.lockin.ejb.common;

import java.util.List;
import java.util.stream.Collectors;

/** The input breaks a rule; {@link #errors()} names the offending fields (snake_case). */
public class InvalidInputException extends LockinException {

    private final List<FieldError> errors;

    public InvalidInputException(String code, String detail, List<FieldError> errors) {
        super(code, detail);
        this.errors = List.copyOf(errors);
    }

    /** 400 {@code validation_failed} naming every offending field; built by {@link FieldChecks}. */
    static InvalidInputException validationFailed(List<FieldError> errors) {
        return new InvalidInputException("validation_failed", "Invalid field(s): "
                + errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", ")), errors);
    }

    public static InvalidInputException field(String field, String message) {
        return field("validation_failed", field, message);
    }

    public static InvalidInputException field(String code, String field, String message) {
        return new InvalidInputException(code, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
