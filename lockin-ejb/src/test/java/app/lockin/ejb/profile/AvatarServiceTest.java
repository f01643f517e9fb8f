package app.lockin.ejb.profile;

import app.lockin.ejb.common.FieldError;
import app.lockin.ejb.common.InvalidInputException;
import app.lockin.ejb.common.UnavailableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The avatar rules without a server: configuration, validation, the signed request, and which
 * URLs count as handed out. The real S3 round trip is proven in the liberty module's AvatarIT.
 */
class AvatarServiceTest {

    private static final UUID ALICE = UUID.fromString("6f1c1a52-5d55-4c3b-9a36-1f0d1c2b3a4e");
    private static final UUID BOB = UUID.fromString("0b7c9a1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b");

    @Test
    void withoutABucketAvatarsAreOffAndTheEndpointSaysSo() {
        assertEquals(Optional.empty(), AvatarSettings.read(config(Map.of())));
        assertEquals(Optional.empty(), AvatarSettings.read(config(Map.of(AvatarSettings.BUCKET, "  "))),
                "a blank bucket is no bucket");
        AvatarService off = new AvatarService();
        UnavailableException e = assertThrows(UnavailableException.class, () -> off.uploadUrl(ALICE, "image/png", 10L));
        assertEquals("not_configured", e.code());
        assertTrue(e.getMessage().contains("not configured"), e.getMessage());
        assertFalse(off.isHandedOutTo(ALICE, "https://lockin-avatars.s3.eu-west-1.amazonaws.com/avatars/" + ALICE
                + "/" + UUID.randomUUID() + ".png"), "nothing was handed out by a server without avatars");
        off.stop();
    }

    @Test
    void anIncompleteConfigurationIsRefusedWithItsReason() {
        var noRegion = assertThrows(IllegalArgumentException.class,
                () -> AvatarSettings.read(config(Map.of(AvatarSettings.BUCKET, "b"))));
        assertTrue(noRegion.getMessage().contains(AvatarSettings.REGION));
        for (String bad : new String[]{"localhost:9000", "ftp://host/x", "http://host/?q=1", "http://host/#f", "not a url"}) {
            assertThrows(IllegalArgumentException.class, () -> AvatarSettings.read(config(Map.of(
                    AvatarSettings.BUCKET, "b", AvatarSettings.REGION, "eu-west-1", AvatarSettings.ENDPOINT, bad))), bad);
            assertThrows(IllegalArgumentException.class, () -> AvatarSettings.read(config(Map.of(
                    AvatarSettings.BUCKET, "b", AvatarSettings.REGION, "eu-west-1", AvatarSettings.PUBLIC_BASE_URL, bad))), bad);
        }
    }

    @Test
    void avatarsAreServedFromTheCdnTheCustomEndpointOrTheBucketsAwsUrl() {
        assertEquals("https://lockin-avatars.s3.eu-west-1.amazonaws.com",
                settings(Map.of()).objectBaseUrl());
        assertEquals("https://lockin-avatars.s3.cn-north-1.amazonaws.com.cn",
                settings(Map.of(AvatarSettings.REGION, "cn-north-1")).objectBaseUrl());
        assertEquals("http://127.0.0.1:9000/lockin-avatars",
                settings(Map.of(AvatarSettings.ENDPOINT, "http://127.0.0.1:9000/")).objectBaseUrl());
        assertEquals("https://cdn.example.com/img",
                settings(Map.of(AvatarSettings.ENDPOINT, "http://127.0.0.1:9000",
                        AvatarSettings.PUBLIC_BASE_URL, "https://cdn.example.com/img/")).objectBaseUrl());
    }

    @Test
    void theUploadIsAPresignedPutOfANewKeyWithTypeAndLengthSignedForTenMinutes() {
        AvatarService service = configured(Map.of());
        Instant before = Instant.now().minusSeconds(1);
        AvatarUpload upload = service.uploadUrl(ALICE, "image/png", 12_345L);

        assertEquals("PUT", upload.method());
        assertEquals(Map.of("Content-Type", "image/png"), upload.headers(),
                "the client sets Content-Type; Host and Content-Length come from the URL and the body");
        assertTrue(upload.key().matches("avatars/" + ALICE + "/[0-9a-f-]{36}\\.png"), upload.key());
        assertEquals("https://lockin-avatars.s3.eu-west-1.amazonaws.com/" + upload.key(), upload.avatarUrl());
        assertTrue(upload.uploadUrl().startsWith(upload.avatarUrl() + "?"), upload.uploadUrl());

        Map<String, String> query = query(upload.uploadUrl());
        assertEquals("AWS4-HMAC-SHA256", query.get("X-Amz-Algorithm"));
        assertEquals("content-length;content-type;host", query.get("X-Amz-SignedHeaders"));
        assertEquals("600", query.get("X-Amz-Expires"));
        assertTrue(query.get("X-Amz-Credential").startsWith("AKIDEXAMPLE/"), "signed with the provider's key");
        Instant signedAt = LocalDateTime.parse(query.get("X-Amz-Date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
        assertEquals(signedAt.plus(Duration.ofMinutes(10)), upload.expiresAt(), "expires_at is when S3 stops accepting it");
        assertFalse(signedAt.isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));

        assertTrue(service.uploadUrl(ALICE, "image/jpeg", 1L).key().endsWith(".jpg"));
        assertTrue(service.uploadUrl(ALICE, "image/webp", AvatarKeys.MAX_BYTES).key().endsWith(".webp"));
        assertFalse(upload.key().equals(service.uploadUrl(ALICE, "image/png", 12_345L).key()), "every upload is a new key");
        service.stop();
    }

    @Test
    void withoutCredentialsTheEndpointSaysItCannotSign() {
        AvatarService service = new AvatarService();
        service.configure(settings(Map.of()), () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        });
        UnavailableException e = assertThrows(UnavailableException.class, () -> service.uploadUrl(ALICE, "image/png", 10L));
        assertEquals("not_configured", e.code());
        assertFalse(e.getMessage().contains("credentials from"), "the SDK's message stays in the server log");
        service.stop();
    }

    @Test
    void aCustomEndpointIsAddressedPathStyle() {
        AvatarService service = configured(Map.of(AvatarSettings.ENDPOINT, "http://127.0.0.1:9000"));
        AvatarUpload upload = service.uploadUrl(ALICE, "image/png", 1L);
        assertEquals("http://127.0.0.1:9000/lockin-avatars/" + upload.key(), upload.avatarUrl());
        assertTrue(upload.uploadUrl().startsWith(upload.avatarUrl() + "?"), upload.uploadUrl());
        service.stop();
    }

    @Test
    void badRequestsAreRefusedNamingEachField() {
        AvatarService service = configured(Map.of());
        assertRefused(() -> service.uploadUrl(ALICE, null, null), "content_type", "content_length");
        for (String type : new String[]{"image/gif", "image/svg+xml", "IMAGE/PNG", "image/png; charset=utf-8", " image/png", ""}) {
            assertRefused(() -> service.uploadUrl(ALICE, type, 10L), "content_type");
        }
        for (long length : new long[]{0, -1, AvatarKeys.MAX_BYTES + 1, Long.MAX_VALUE}) {
            assertRefused(() -> service.uploadUrl(ALICE, "image/png", length), "content_length");
        }
        service.stop();
    }

    @Test
    void validationComesBeforeTheConfigurationCheck() {
        assertRefused(() -> new AvatarService().uploadUrl(ALICE, "image/gif", 10L), "content_type");
    }

    @Test
    void onlyTheExactAvatarUrlOfThisUsersKeyIsAccepted() {
        AvatarService service = configured(Map.of());
        String url = service.uploadUrl(ALICE, "image/png", 10L).avatarUrl();
        String base = "https://lockin-avatars.s3.eu-west-1.amazonaws.com/";
        String random = url.substring(url.lastIndexOf('/') + 1, url.lastIndexOf('.'));

        assertTrue(service.isHandedOutTo(ALICE, url));
        assertFalse(service.isHandedOutTo(BOB, url), "another user's avatar");
        for (String variant : new String[]{
                url + "?x=1", url + "#f", url + "/", url + "%00", url.toUpperCase(), url.replace("https://", "http://"),
                url.replace(".png", ".gif"), url.replace(".png", ""),
                url.replace("lockin-avatars.s3", "other-bucket.s3"),
                url.replace("amazonaws.com/", "amazonaws.com.evil.example/"),
                base + "avatars/" + ALICE + "/../" + BOB + "/" + random + ".png",
                base + "avatars/" + BOB + "/../" + ALICE + "/" + random + ".png",
                base + "avatars/" + ALICE + "/" + random.toUpperCase() + ".png",
                base + "avatars/" + ALICE + "/x/" + random + ".png",
                base + "avatars/" + ALICE.toString().toUpperCase() + "/" + random + ".png",
                base + "avatars//" + ALICE + "/" + random + ".png",
                base + "other/" + ALICE + "/" + random + ".png",
                base + "avatars/" + ALICE + "/" + random + ".png.png",
                "https://evil.example.com/avatars/" + ALICE + "/" + random + ".png",
                "avatars/" + ALICE + "/" + random + ".png",
                ""}) {
            assertFalse(service.isHandedOutTo(ALICE, variant), variant);
        }
        service.stop();
    }

    @Test
    void withACdnTheCdnUrlIsTheAvatarUrl() {
        AvatarService service = configured(Map.of(AvatarSettings.PUBLIC_BASE_URL, "https://cdn.example.com"));
        AvatarUpload upload = service.uploadUrl(ALICE, "image/webp", 10L);
        assertEquals("https://cdn.example.com/" + upload.key(), upload.avatarUrl());
        assertTrue(upload.uploadUrl().startsWith("https://lockin-avatars.s3.eu-west-1.amazonaws.com/" + upload.key() + "?"),
                "uploads still go to the bucket");
        assertTrue(service.isHandedOutTo(ALICE, upload.avatarUrl()));
        assertFalse(service.isHandedOutTo(ALICE, "https://lockin-avatars.s3.eu-west-1.amazonaws.com/" + upload.key()),
                "the bucket URL is not what was handed out");
        service.stop();
    }

    /**
     * SPEC §14: the deleted account's avatar is deleted from S3 only when it is one of that user's
     * keys under the configured base, and best effort: with S3 unreachable the task logs and
     * returns (the real deletion against S3Proxy is in the liberty module's AccountIT).
     */
    @Test
    void theAvatarDeletionIsOnlyForTheUsersOwnKeyAndNeverThrows() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AvatarService service = configured(Map.of(AvatarSettings.ENDPOINT, "http://127.0.0.1:" + closedPort));
        String base = "http://127.0.0.1:" + closedPort + "/lockin-avatars/";
        String own = base + "avatars/" + ALICE + "/" + UUID.randomUUID() + ".png";
        assertTrue(service.deletionOf(ALICE, own).isPresent());
        assertFalse(service.deletionOf(BOB, own).isPresent(), "never another user's object");
        assertFalse(service.deletionOf(ALICE, null).isPresent());
        assertFalse(service.deletionOf(ALICE, "https://elsewhere.example.com/avatars/" + ALICE + "/x.png").isPresent());
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(AvatarService.class.getName());
        java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                warnings.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            service.deletionOf(ALICE, own).orElseThrow().run(); // S3 is down: no exception
        } finally {
            log.removeHandler(handler);
            service.stop();
        }
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("WARNING") && w.contains("avatars/" + ALICE)), warnings::toString);
        assertFalse(new AvatarService().deletionOf(ALICE, own).isPresent(), "avatars off: nothing to delete");
    }

    private static void assertRefused(Runnable call, String... fields) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call::run);
        assertEquals("validation_failed", e.code());
        assertEquals(Arrays.asList(fields), e.errors().stream().map(FieldError::field).toList());
    }

    private static AvatarService configured(Map<String, String> overrides) {
        AvatarService service = new AvatarService();
        service.configure(settings(overrides),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")));
        return service;
    }

    private static AvatarSettings settings(Map<String, String> overrides) {
        var values = new java.util.HashMap<>(Map.of(AvatarSettings.BUCKET, "lockin-avatars", AvatarSettings.REGION, "eu-west-1"));
        values.putAll(overrides);
        return AvatarSettings.read(config(values)).orElseThrow();
    }

    private static java.util.function.Function<String, Optional<String>> config(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    private static Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
}
