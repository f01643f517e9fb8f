package app.lockin.web.error;

import app.lockin.ejb.common.FieldChecks;
import app.lockin.web.json.JsonbProvider;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Comparator;

/** Bean Validation failures on request records and parameters: 400 with one error per field. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        FieldChecks checks = new FieldChecks();
        e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(ConstraintViolationMapper::fieldOf))
                .forEach(v -> checks.refuse(fieldOf(v), v.getMessage()));
        return LockinExceptionMapper.problem(checks.failure());
    }

    /** The last node of the property path, as the client spells it. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String name = null;
        for (Path.Node node : violation.getPropertyPath()) {
            name = node.getName();
        }
        return name == null ? "body" : JsonbProvider.jsonName(name);
    }
}
