package app.lockin.web.error;

import app.lockin.web.json.PayloadTooLargeException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * What the JAX-RS runtime itself refuses: unmatched routes (404), wrong method (405), a body
 * that is not JSON (415), a path id that is not a UUID (404), an oversize body (413).
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = e instanceof PayloadTooLargeException ? e.getMessage() : Problem.defaultDetail(status);
        Response problem = Problem.response(status, Problem.codeFor(status), detail);
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(problem).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        if (e instanceof NotAuthorizedException) {
            return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lockin\"").build();
        }
        return problem;
    }

}
