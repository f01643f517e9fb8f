package app.lockin.web.error;

import app.lockin.ejb.common.FieldError;
import app.lockin.web.json.JsonFields;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Comparator;
import java.util.List;

/** Bean Validation failures on request records and parameters: 400 with one error per field. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return Problem.response(400, "validation_failed", "Invalid field(s): "
                + String.join(", ", errors.stream().map(FieldError::field).distinct().toList()), errors);
    }

    /** The last node of the property path, as the client spells it. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String name = null;
        for (Path.Node node : violation.getPropertyPath()) {
            name = node.getName();
        }
        return name == null ? "body" : JsonFields.snakeCase(name);
    }
}
