package app.lockin.web.error;

import app.lockin.ejb.common.ConflictException;
import app.lockin.ejb.common.FieldError;
import app.lockin.ejb.common.ForbiddenException;
import app.lockin.ejb.common.InvalidInputException;
import app.lockin.ejb.common.LockinException;
import app.lockin.ejb.common.NotFoundException;
import app.lockin.ejb.common.PreconditionFailedException;
import app.lockin.ejb.common.UnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/** The business refusals of the services, each family to its status (SPEC §1). */
@Provider
public class LockinExceptionMapper implements ExceptionMapper<LockinException> {

    @Override
    public Response toResponse(LockinException e) {
        return problem(e);
    }

    static Response problem(LockinException e) {
        List<FieldError> errors =
                e instanceof InvalidInputException invalid ? invalid.errors() : List.of();
        return Problem.response(statusOf(e), e.code(), e.getMessage(), errors);
    }

    private static int statusOf(LockinException e) {
        if (e instanceof InvalidInputException) {
            return 400;
        }
        if (e instanceof ForbiddenException) {
            return 403;
        }
        if (e instanceof NotFoundException) {
            return 404;
        }
        if (e instanceof ConflictException) {
            return 409;
        }
        if (e instanceof PreconditionFailedException) {
            return 412;
        }
        if (e instanceof UnavailableException) {
            return 503;
        }
        return 400;
    }
}
