package app.lockin.web.idempotency;

import app.lockin.ejb.common.InvalidInputException;
import app.lockin.ejb.idempotency.Claim;
import app.lockin.ejb.idempotency.IdempotencyKeys;
import app.lockin.ejb.idempotency.IdempotencyKeys.Stored;
import app.lockin.ejb.idempotency.StoredAnswer;
import app.lockin.web.error.Problem;
import app.lockin.web.security.CurrentUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Every {@code POST}, {@code PATCH} and {@code DELETE} under {@code /api} with an
 * {@code Idempotency-Key} header (SPEC §15; Stripe's semantics, the IETF draft's header):
 * <ul>
 *   <li>the key must be 1–255 visible ASCII characters (0x21–0x7E), else 400 {@code validation_failed};</li>
 *   <li>before the resource runs, the key is claimed for (caller, key) in a transaction of its
 *       own: the first request executes; a request with another method, path (with query) or body
 *       under the same key gets 422 {@code idempotency_key_reused}; the same request while the
 *       first is executing 409 {@code idempotency_key_in_flight}; after it, the stored answer with
 *       {@code Idempotent-Replayed: true}, and nothing is executed;</li>
 *   <li>the claimed request then runs in one transaction opened here, which the services join: a
 *       success is written to bytes, stored in that transaction and committed with the write, and
 *       only then sent. A crash before the commit leaves neither the effect nor the answer (a
 *       retry executes once, after the claim's lease); a failed commit answers as any failure;</li>
 *   <li>a refusal (4xx) rolls that transaction back and is stored on its own; 5xx, 401 and 429
 *       free the key so that a retry executes for real.</li>
 * </ul>
 * It runs after authentication (the key belongs to the caller) and before the rate limits, so a
 * replay or a refusal here never counts as a write. Response filters run from the highest
 * priority down, so this one sees the answer last, with its {@code ETag}. Requests without the
 * header are untouched.
 */
@Provider
@Priority(IdempotencyFilter.PRIORITY)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** After {@link Priorities#AUTHENTICATION} (the caller's profile), before the rate limits. */
    public static final int PRIORITY = Priorities.AUTHENTICATION + 100;

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;

    /** The claim this request holds ({@link Pending}), between the request and response filters. */
    static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";

    private static final Set<String> WRITES = Set.of("POST", "PATCH", "DELETE");
    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class.getName());

    @Inject
    CurrentUser currentUser;

    @EJB
    IdempotencyKeys keys;

    @Resource
    UserTransaction transaction;

    @Context
    Providers providers;

    /** SPEC §17: answers replayed from a stored key instead of executing the request again. */
    @Inject
    MeterRegistry registry;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!WRITES.contains(request.getMethod())) {
            return;
        }
        List<String> values = request.getHeaders().get(HEADER);
        if (values == null || values.isEmpty()) {
            return;
        }
        String key = values.size() == 1 ? values.get(0) : null;
        if (!isValidKey(key)) {
            throw InvalidInputException.field(HEADER,
                    "must be one header of 1–" + MAX_KEY_LENGTH + " visible ASCII characters (0x21–0x7E)");
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        UUID userId = currentUser.id();
        Claim claim = keys.claim(userId, key, fingerprint(request.getMethod(), request.getUriInfo().getRequestUri(), body));
        if (claim instanceof Claim.Claimed claimed) {
            request.setProperty(CLAIM, new Pending(userId, key, claimed.token()));
            begin();
        } else if (claim instanceof Claim.Reused) {
            request.abortWith(Problem.response(422, "idempotency_key_reused",
                    "This Idempotency-Key was used for another request (method, path or body): use a new key"));
        } else if (claim instanceof Claim.InFlight) {
            request.abortWith(inFlight());
        } else if (claim instanceof Claim.Replay replay) {
            Counter.builder("lockin.idempotency.replays")
                    .description("Writes answered by replaying the stored answer of their Idempotency-Key")
                    .register(registry).increment();
            request.abortWith(replayed(replay.answer()));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        Pending pending = (Pending) request.getProperty(CLAIM);
        if (pending == null) {
            return;
        }
        request.removeProperty(CLAIM);
        int status = response.getStatus();
        if (status >= 400) {
            rollback();
            if (isStored(status)) {
                storeRefusal(pending, answer(response));
            } else {
                release(keys, pending);
            }
            return;
        }
        try {
            StoredAnswer answer = answer(response);
            Stored stored = keys.storeWithWrite(pending.userId(), pending.key(), pending.token(), answer);
            if (stored == Stored.CLAIM_TAKEN) {
                rollback();
                LOG.warning(() -> "A request with idempotency key " + pending.key() + " of " + pending.userId()
                        + " outlived its lease and was taken over by a retry; it was rolled back");
                replace(response, inFlight());
                return;
            }
            transaction.commit();
            if (answer.body().length > 0) {
                response.setEntity(answer.body(), response.getEntityAnnotations(), response.getMediaType());
            }
        } catch (Exception e) {
            rollback();
            release(keys, pending);
            replace(response, mapped(e));
        }
    }

    /** The answer as the client will receive it: status, the headers that matter and the body's bytes. */
    private StoredAnswer answer(ContainerResponseContext response) throws IOException {
        MediaType type = response.getMediaType();
        return new StoredAnswer(response.getStatus(), type == null ? null : type.toString(),
                response.getHeaderString(HttpHeaders.LOCATION), response.getHeaderString(HttpHeaders.ETAG), body(response));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private byte[] body(ContainerResponseContext response) throws IOException {
        Object entity = response.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        MediaType type = response.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : response.getMediaType();
        Class<?> rawType = entity.getClass();
        MessageBodyWriter writer = providers.getMessageBodyWriter(rawType, response.getEntityType(),
                response.getEntityAnnotations(), type);
        if (writer == null) {
            throw new IllegalStateException("No writer of " + rawType.getName() + " as " + type);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.writeTo(entity, rawType, response.getEntityType(), response.getEntityAnnotations(), type,
                new MultivaluedHashMap<String, Object>(), bytes);
        return bytes.toByteArray();
    }

    /** The answer the rest of the application gives for this failure (503 for an outage, …). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Response mapped(Exception failure) {
        ExceptionMapper mapper = providers.getExceptionMapper(failure.getClass());
        return mapper.toResponse(failure);
    }

    /** Another answer in place of the one the resource gave, keeping the headers every answer carries. */
    private static void replace(ContainerResponseContext response, Response instead) {
        response.getHeaders().remove(HttpHeaders.LOCATION);
        response.getHeaders().remove(HttpHeaders.ETAG);
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        instead.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
        response.setStatusInfo(instead.getStatusInfo());
        response.setEntity(instead.getEntity(), new Annotation[0], instead.getMediaType());
    }

    private static Response inFlight() {
        return Response.fromResponse(Problem.response(409, "idempotency_key_in_flight",
                        "Another request with this Idempotency-Key is executing"))
                .header(HttpHeaders.RETRY_AFTER, 1).build();
    }

    private void begin() {
        try {
            transaction.begin();
        } catch (NotSupportedException | SystemException e) {
            throw new IllegalStateException("Cannot open the transaction of a keyed write", e);
        }
    }

    private void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | RuntimeException e) {
            LOG.warning(() -> "Cannot roll back the transaction of a keyed write: " + e);
        }
    }

    /** SPEC §15: every answer is stored except 5xx, 401 and 429 (and this filter's own refusals). */
    static boolean isStored(int status) {
        return status < 500 && status != 401 && status != 429;
    }

    /** 1–255 characters, each visible ASCII (0x21–0x7E): no space, no control, nothing beyond ASCII. */
    static boolean isValidKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        return key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    /** SHA-256 of the method, the path with its query as sent (undecoded), and the body bytes. */
    static byte[] fingerprint(String method, URI requestUri, byte[] body) {
        String target = requestUri.getRawPath() + (requestUri.getRawQuery() == null ? "" : "?" + requestUri.getRawQuery());
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((method + "\n" + target + "\n").getBytes(StandardCharsets.UTF_8));
            return sha256.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Response replayed(StoredAnswer answer) {
        Response.ResponseBuilder reply = Response.status(answer.status()).header(REPLAYED, "true");
        if (answer.body().length > 0) {
            reply.entity(answer.body()).type(answer.contentType());
        }
        if (answer.location() != null) {
            reply.header(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.etag() != null) {
            reply.header(HttpHeaders.ETAG, answer.etag());
        }
        return reply.build();
    }

    private void storeRefusal(Pending pending, StoredAnswer answer) {
        try {
            keys.storeRefusal(pending.userId(), pending.key(), pending.token(), answer);
        } catch (RuntimeException e) {
            // the claim stays until its lease passes; the client has its answer meanwhile
            LOG.warning(() -> "Cannot store the answer of idempotency key " + pending.key() + " of " + pending.userId() + ": " + e);
        }
    }

    private static void release(IdempotencyKeys keys, Pending pending) {
        try {
            keys.release(pending.userId(), pending.key(), pending.token());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Cannot release idempotency key " + pending.key() + " of " + pending.userId()
                    + " (it frees itself when its lease passes): " + e);
        }
    }

    /** A claim held by this request. */
    record Pending(UUID userId, String key, UUID token) {
    }
}
