package app.lockin.web.error;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 429 / 503 with {@code Retry-After} in seconds (SPEC §11, §15, §16). */
@Provider
public class RetryLaterMapper implements ExceptionMapper<RetryLaterException> {

    @Override
    public Response toResponse(RetryLaterException e) {
        return response(e.status(), e.code(), e.getMessage(), e.retryAfterSeconds());
    }

    static Response response(int status, String code, String detail, int retryAfterSeconds) {
        return Response.fromResponse(Problem.response(status, code, detail))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
    }
}
