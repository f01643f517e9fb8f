package app.lockin.web.idempotency;

import app.lockin.ejb.idempotency.IdempotencyKeys;
import app.lockin.ejb.idempotency.StoredAnswer;
import jakarta.ejb.EJB;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body half of {@link IdempotencyFilter}: for a request holding a key, the answer's body is
 * written to a buffer, stored with its status and headers, and only then sent, so that a client
 * holding the answer never finds the key still in flight. Answers are small (records and problems).
 */
@Provider
public class AnswerRecorder implements WriterInterceptor {

    @EJB
    IdempotencyKeys keys;

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException, WebApplicationException {
        Object property = context.getProperty(IdempotencyFilter.ANSWER);
        if (!(property instanceof IdempotencyFilter.PendingAnswer pending)) {
            context.proceed();
            return;
        }
        context.removeProperty(IdempotencyFilter.ANSWER);
        OutputStream client = context.getOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        context.setOutputStream(body);
        try {
            context.proceed();
        } catch (IOException | RuntimeException e) {
            IdempotencyFilter.release(keys, pending.claim());
            throw e;
        } finally {
            context.setOutputStream(client);
        }
        StoredAnswer headers = pending.headers();
        String contentType = context.getMediaType() == null ? headers.contentType() : context.getMediaType().toString();
        IdempotencyFilter.complete(keys, pending.claim(), new StoredAnswer(headers.status(), contentType, headers.location(),
                headers.etag(), body.toByteArray()));
        client.write(body.toByteArray());
    }
}
