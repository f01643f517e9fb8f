package app.lockin.ejb.profile;

import app.lockin.ejb.common.UnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Avatar uploads through S3 presigned PUTs (SPEC §4). The server never sees the image: it signs
 * a PUT of one new key under the caller's prefix, with the content type and length the client
 * announced, valid {@link #VALIDITY}; S3 refuses anything else. Signing is local computation
 * (no call to S3), so one presigner serves every request concurrently.
 *
 * <p>Without {@code LOCKIN_S3_BUCKET} the feature is off: nothing of the SDK is built, no
 * credentials are looked up, and the upload endpoint answers 503 {@code not_configured}.
 *
 * <p>Nothing here is transactional, yet the default REQUIRED attribute stays: a refusal then
 * rolls back an empty JTA transaction quietly, where NOT_SUPPORTED made Liberty log an error
 * (WLTC0017E) for every refused request.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AvatarService {

    static final Duration VALIDITY = Duration.ofMinutes(10);

    private static final Logger LOG = Logger.getLogger(AvatarService.class.getName());

    private AvatarSettings settings;
    private AwsCredentialsProvider credentials;
    private S3Presigner presigner;
    private S3Client s3;

    /**
     * Never fails: profiles depend on this bean, so a bad S3 configuration turns avatars off
     * (logged for operators) instead of taking {@code /api/me} down with it.
     */
    @PostConstruct
    void start() {
        Config config = ConfigProvider.getConfig(AvatarService.class.getClassLoader());
        Optional<AvatarSettings> configured;
        try {
            configured = AvatarSettings.read(key -> config.getOptionalValue(key, String.class));
        } catch (IllegalArgumentException e) {
            LOG.severe("Avatar uploads are off, the S3 configuration is incomplete: " + e.getMessage());
            return;
        }
        if (configured.isEmpty()) {
            LOG.info("Avatar uploads are off: " + AvatarSettings.BUCKET
                    + " is not set, so POST /api/profiles/avatar/upload-url answers 503 not_configured");
            return;
        }
        try {
            // the default chain (system properties, environment, profile, container, instance
            // role) resolves nothing until the first upload is signed
            configure(configured.get(), DefaultCredentialsProvider.builder().build());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Avatar uploads are off, the S3 presigner cannot be built", e);
            return;
        }
        LOG.info("Avatar uploads: " + settings.describe());
    }

    /** Turns uploads on with these settings; the tests call it with fixed credentials. */
    void configure(AvatarSettings settings, AwsCredentialsProvider credentials) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials);
        if (settings.endpoint() != null) {
            // S3-compatible servers are addressed bucket-in-path, not bucket-in-hostname
            builder.endpointOverride(settings.endpoint())
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        this.presigner = builder.build();
        // the one call this server makes to S3 itself: DeleteObject when an account is deleted (SPEC §14)
        S3ClientBuilder client = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build());
        if (settings.endpoint() != null) {
            client.endpointOverride(settings.endpoint())
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        this.s3 = client.build();
        this.credentials = credentials;
        this.settings = settings;
    }

    @PreDestroy
    void stop() {
        if (presigner != null) {
            presigner.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * A presigned PUT of a new key {@code avatars/{userId}/{random}.{ext}}. The SDK signs every
     * header the request carries, so both {@code Content-Type} and {@code Content-Length} are in
     * the signature: a different type or size fails at S3.
     */
    public AvatarUpload uploadUrl(UUID userId, String contentType, Long contentLength) {
        AvatarKeys.validate(contentType, contentLength);
        if (presigner == null) {
            throw new UnavailableException("not_configured", "Avatar uploads are not configured on this server");
        }
        String key = AvatarKeys.newKey(userId, contentType);
        PresignedPutObjectRequest presigned;
        try {
            presigned = presigner.presignPutObject(p -> p.signatureDuration(VALIDITY)
                    .putObjectRequest(o -> o.bucket(settings.bucket()).key(key)
                            .contentType(contentType).contentLength(contentLength)));
        } catch (SdkException e) {
            // typically no AWS credentials where the server runs: an operator's problem, not the client's
            LOG.log(Level.WARNING, "Cannot sign an avatar upload: {0}", e.getMessage());
            throw new UnavailableException("not_configured", "Avatar uploads are not available: the server cannot sign uploads");
        }
        LOG.fine(() -> "Avatar upload signed for " + key);
        // X-Amz-Date has whole seconds and the URL stops working VALIDITY after it
        return new AvatarUpload("PUT", presigned.url().toString(), headersToSend(presigned.signedHeaders()), key,
                settings.objectBaseUrl() + "/" + key, presigned.expiration().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Whether {@code url} is exactly an {@code avatar_url} that {@link #uploadUrl} hands out to
     * this user: the configured base, then a key of this user's layout, and nothing else (no
     * query, no fragment, no other user's prefix, no path tricks). Decided from the text alone.
     */
    public boolean isHandedOutTo(UUID userId, String url) {
        if (settings == null) {
            return false;
        }
        String base = settings.objectBaseUrl() + "/";
        return url.startsWith(base) && AvatarKeys.isKeyOf(userId, url.substring(base.length()));
    }

    /**
     * The deletion of this user's avatar object (SPEC §14), to run once the account deletion has
     * committed; empty when there is nothing this server may delete: no avatar, avatars not
     * configured, or a URL that is not one of this user's keys under the configured base (only
     * objects this server handed out to the user are ever deleted). Best effort: the task logs a
     * failure and never throws. Earlier uploads the profile no longer names stay in the bucket,
     * as replaced avatars do (a lifecycle rule can expire them).
     */
    public Optional<Runnable> deletionOf(UUID userId, String avatarUrl) {
        if (avatarUrl == null || s3 == null || !isHandedOutTo(userId, avatarUrl)) {
            return Optional.empty();
        }
        String key = avatarUrl.substring(settings.objectBaseUrl().length() + 1);
        S3Client client = s3;
        String bucket = settings.bucket();
        return Optional.of(() -> {
            try {
                client.deleteObject(d -> d.bucket(bucket).key(key));
                LOG.fine(() -> "Avatar " + key + " deleted with its account");
            } catch (RuntimeException e) { // SdkException, or anything else the SDK throws
                LOG.log(Level.WARNING, "Could not delete the avatar object " + key + " of deleted account " + userId
                        + " from bucket " + bucket + "; delete it by hand: " + e.getMessage());
            }
        });
    }

    /**
     * The signed headers the client must set itself: {@code Host} comes from the URL and
     * {@code Content-Length} from the body (HTTP stacks refuse to let callers set either).
     */
    private static Map<String, String> headersToSend(Map<String, List<String>> signed) {
        return signed.entrySet().stream()
                .filter(h -> !h.getKey().equalsIgnoreCase("host") && !h.getKey().equalsIgnoreCase("content-length"))
                .collect(Collectors.toMap(h -> headerName(h.getKey()), h -> String.join(",", h.getValue()),
                        (a, b) -> a, TreeMap::new));
    }

    /** {@code content-type} → {@code Content-Type}. */
    private static String headerName(String lowerCase) {
        return Arrays.stream(lowerCase.split("-"))
                .map(part -> part.isEmpty() ? part : part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
                .collect(Collectors.joining("-"));
    }
}
