package app.lockin.web.json;

import jakarta.ws.rs.ClientErrorException;

/** 413: the request body is over {@link BodySizeLimitFilter#MAX_BODY_BYTES}. */
public class PayloadTooLargeException extends ClientErrorException {

    public PayloadTooLargeException() {
        super("The request body is larger than " + BodySizeLimitFilter.MAX_BODY_BYTES / 1024 + " KiB", 413);
    }
}
