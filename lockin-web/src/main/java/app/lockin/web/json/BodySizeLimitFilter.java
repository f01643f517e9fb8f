package app.lockin.web.json;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies over 64 KiB answer 413 (SPEC §1): refused from the Content-Length header when
 * it is sent ({@link ContentLengthFilter}), and here while reading when it is not (chunked), so
 * nothing larger is ever buffered.
 */
@Provider
@PreMatching
public class BodySizeLimitFilter implements ContainerRequestFilter {

    static final int MAX_BODY_BYTES = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        // a declared length over the limit was refused before JAX-RS (ContentLengthFilter)
        request.setEntityStream(new LimitedStream(request.getEntityStream()));
    }

    /** Counts bytes as they are read and refuses the one past the limit. */
    private static final class LimitedStream extends FilterInputStream {
        private long remaining = MAX_BODY_BYTES;

        LimitedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                consume(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                consume(n);
            }
            return n;
        }

        private void consume(int n) {
            remaining -= n;
            if (remaining < 0) {
                throw new PayloadTooLargeException();
            }
        }
    }
}
