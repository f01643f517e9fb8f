package app.lockin.web.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything nobody anticipated: logged once with its stack trace and an incident id for the
 * operator; the client gets a bare 500 with that id and nothing else (no class names, no SQL).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unhandled error, incident " + incident, e);
        return Problem.response(500, "internal_error", "Unexpected error; incident " + incident);
    }
}
