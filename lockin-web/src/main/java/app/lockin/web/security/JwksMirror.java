package app.lockin.web.security;

import app.lockin.ejb.common.LockinClock;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The issuer's key set, kept in a local file that mpJwt verifies against (SPEC §16).
 *
 * <p>Liberty's mpJwt fetches a remote JWKS again for every token whose {@code kid} it does not
 * know, so a flood of forged kids became a flood of requests to Cognito. mpJwt is therefore
 * pointed at this mirror ({@code mp.jwt.verify.publickey.location=file:…}): it reads the file
 * for a kid it has not seen, which costs a local read, and keeps doing all the validation. This
 * class alone talks to {@code LOCKIN_JWT_JWKS_URL}, with a budget:
 * <ul>
 *   <li>at most one fetch per {@link #MIN_INTERVAL} (30 s), whatever arrives: a refused token
 *       with an unknown kid asks for a fetch; when the budget is spent, one fetch is scheduled
 *       for when it is free again, so a real key rotation is accepted within 30 s;</li>
 *   <li>a background refresh every {@link #BACKGROUND_INTERVAL} (5 minutes);</li>
 *   <li>fetches run on their own thread with a 2 s timeout: a slow or dead endpoint never holds
 *       a request, and a failed fetch keeps the keys of the last good one (the file also
 *       survives restarts), so cached keys stay usable while the endpoint is down.</li>
 * </ul>
 * The model is Nimbus' {@code JWKSourceBuilder} (rate limit, refresh ahead, outage tolerance)
 * and aws-jwt-verify's penalty box; the difference is that mpJwt, not this class, verifies.
 * Each server keeps its own mirror, so N servers fetch at most N times per 30 s.
 */
@ApplicationScoped
public class JwksMirror {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
    static final Duration BACKGROUND_INTERVAL = Duration.ofMinutes(5);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);
    /** Cognito's key set is about 1 KB; anything this large is not a key set. */
    private static final int MAX_BYTES = 256 * 1024;
    /** A JOSE header is a few dozen bytes; a longer first segment is not worth decoding. */
    private static final int MAX_HEADER_SEGMENT = 2048;

    private static final Logger LOG = Logger.getLogger(JwksMirror.class.getName());

    @Inject
    @ConfigProperty(name = "LOCKIN_JWT_JWKS_MIRROR")
    String mirrorFile;

    @Inject
    LockinClock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private volatile Set<String> kids = Set.of();
    private Instant lastFetch; // guarded by this, as are the flags
    private boolean fetching;
    /** A fetch was asked for since the last one started (an unknown kid, the background refresh). */
    private boolean wanted;
    private boolean timerSet;
    private ScheduledFuture<?> background;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Path mirror = Path.of(mirrorFile);
        try {
            if (Files.exists(mirror)) {
                kids = kidsOf(Files.readString(mirror, StandardCharsets.UTF_8)); // the last run's keys, until a fetch
            }
        } catch (IOException | RuntimeException unreadable) {
            LOG.warning(() -> "JWKS mirror " + mirror + " is unreadable; fetching anew");
        }
        synchronized (this) {
            fetching = true;
        }
        fetch(); // before the first request, on the starting thread: at most the 2 s timeout
        background = scheduler.scheduleWithFixedDelay(this::requestFetch, BACKGROUND_INTERVAL.toSeconds(),
                BACKGROUND_INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        if (background != null) {
            background.cancel(false);
        }
    }

    /**
     * A token mpJwt refused: when its header names a kid the mirror does not hold (a rotation, or
     * a forgery), ask for a fetch within the budget. The header is read without trusting it.
     */
    public void noticeRefused(String authorization) {
        Optional<String> kid = kidOf(authorization);
        if (kid.isPresent() && !kids.contains(kid.get())) {
            requestFetch();
        }
    }

    /** Asks for a fetch: now when the budget allows, else once when it does; never two at a time. */
    void requestFetch() {
        synchronized (this) {
            wanted = true;
        }
        fetchIfDue();
    }

    private void fetchIfDue() {
        synchronized (this) {
            if (fetching || !wanted) {
                return;
            }
            Duration wait = lastFetch == null ? Duration.ZERO
                    : Duration.between(clock.now(), lastFetch.plus(MIN_INTERVAL));
            if (wait.isNegative() || wait.isZero()) {
                fetching = true;
                wanted = false;
                scheduler.execute(this::fetch);
            } else if (!timerSet) {
                timerSet = true;
                scheduler.schedule(() -> {
                    synchronized (this) {
                        timerSet = false;
                    }
                    fetchIfDue();
                }, wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Called with {@link #fetching} set; replaces the mirror only with a readable key set. */
    private void fetch() {
        synchronized (this) {
            lastFetch = clock.now();
        }
        String source = ConfigProvider.getConfig().getValue("LOCKIN_JWT_JWKS_URL", String.class).strip();
        try {
            String body = read(URI.create(source));
            Set<String> fetched = kidsOf(body);
            Path mirror = Path.of(mirrorFile);
            // the key material can change under a kid seen before (a key set replaced wholesale)
            if (!Files.exists(mirror) || !body.equals(Files.readString(mirror, StandardCharsets.UTF_8))) {
                write(body);
                Set<String> before = kids;
                kids = fetched;
                LOG.info(() -> "JWKS mirror updated from " + source + ": key ids " + fetched + " (before: " + before + ")");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "JWKS fetch from " + source + " failed (" + e.getMessage() + "); keeping the "
                    + kids.size() + " key(s) held");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                fetching = false;
            }
            fetchIfDue(); // what was asked for during this fetch, within the budget
        }
    }

    private String read(URI source) throws IOException, InterruptedException {
        if ("file".equals(source.getScheme())) { // development and tests: a key set on disk
            return Files.readString(Path.of(source), StandardCharsets.UTF_8);
        }
        if (!"https".equals(source.getScheme()) && !"http".equals(source.getScheme())) {
            throw new IOException("LOCKIN_JWT_JWKS_URL must be https:, http: or file:");
        }
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(source).timeout(FETCH_TIMEOUT)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("status " + response.statusCode());
        }
        if (response.body().length > MAX_BYTES) {
            throw new IOException("answer over " + MAX_BYTES + " bytes");
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private void write(String body) throws IOException {
        Path mirror = Path.of(mirrorFile);
        Files.createDirectories(mirror.toAbsolutePath().getParent());
        Path temporary = mirror.resolveSibling(mirror.getFileName() + ".tmp");
        Files.writeString(temporary, body, StandardCharsets.UTF_8);
        // mpJwt reads the whole old file or the whole new one, never half of each
        Files.move(temporary, mirror, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The key ids of a JWKS document; refuses anything that is not one with at least one key. */
    static Set<String> kidsOf(String jwks) {
        JsonObject document = Json.createReader(new StringReader(jwks)).readObject();
        Set<String> ids = new LinkedHashSet<>();
        for (JsonValue key : document.getJsonArray("keys")) {
            JsonValue kid = key.asJsonObject().get("kid");
            if (kid instanceof JsonString s) {
                ids.add(s.getString());
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no key with a kid");
        }
        return Set.copyOf(ids);
    }

    /** The {@code kid} of a bearer token's header, read without trusting anything in it. */
    static Optional<String> kidOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).strip();
        int dot = token.indexOf('.');
        if (dot <= 0 || dot > MAX_HEADER_SEGMENT) {
            return Optional.empty();
        }
        try {
            byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
            JsonValue kid = Json.createReader(new StringReader(new String(header, StandardCharsets.UTF_8)))
                    .readObject().get("kid");
            return kid instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
        } catch (RuntimeException notAJoseHeader) {
            return Optional.empty();
        }
    }
}
