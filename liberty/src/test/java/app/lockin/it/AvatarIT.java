package app.lockin.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §4 avatar uploads end to end against a real S3 server ({@link S3TestServer}: S3Proxy
 * checking SigV4): the server signs, the test uploads over plain HTTP exactly as a phone would,
 * S3 accepts or refuses, and the profile takes only the URL handed out to its owner.
 */
@ExtendWith(ArquillianExtension.class)
class AvatarIT {

    private static final String PATH = "/api/profiles/avatar/upload-url";
    private static final long MIB = 1024 * 1024;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void anAvatarIsUploadedToS3ThenSetOnTheProfile() throws SQLException {
        String token = Tokens.newUser();
        String me = Api.get("/api/me", token).json().getString("id");
        byte[] image = bytes(100_000);

        JsonObject upload = requestUpload(token, "image/png", image.length);
        assertEquals("PUT", upload.getString("method"));
        assertEquals(Json.createObjectBuilder().add("Content-Type", "image/png").build(), upload.getJsonObject("headers"));
        String key = upload.getString("key");
        assertTrue(key.matches("avatars/" + me + "/[0-9a-f-]{36}\\.png"), key);
        String bucketUrl = TestEnvironment.s3().endpoint() + "/" + S3TestServer.BUCKET + "/";
        assertEquals(bucketUrl + key, upload.getString("avatar_url"), "path-style bucket URL on a custom endpoint");
        assertTrue(upload.getString("upload_url").startsWith(bucketUrl + key + "?"), upload::toString);

        Map<String, String> query = query(upload.getString("upload_url"));
        assertEquals("content-length;content-type;host", query.get("X-Amz-SignedHeaders"), "type and length are signed");
        assertEquals("600", query.get("X-Amz-Expires"), "valid 10 minutes");
        Instant signedAt = LocalDateTime.parse(query.get("X-Amz-Date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
        assertEquals(signedAt.plus(Duration.ofMinutes(10)), Instant.parse(upload.getString("expires_at")));
        assertTrue(upload.getString("expires_at").endsWith("Z"));

        assertEquals(200, put(upload, upload.getString("upload_url"), "image/png", image).statusCode());
        S3TestServer.StoredObject stored = TestEnvironment.s3().read(key);
        assertArrayEquals(image, stored.bytes(), "the object is the uploaded bytes");
        assertEquals("image/png", stored.contentType());

        Api.Reply patched = Api.patch("/api/me", token, "{\"avatar_url\":\"" + upload.getString("avatar_url") + "\"}");
        assertEquals(200, patched.status(), patched::toString);
        assertEquals(upload.getString("avatar_url"), patched.json().getString("avatar_url"));
        assertEquals(upload.getString("avatar_url"), Api.get("/api/me", token).json().getString("avatar_url"));
        assertEquals(upload.getString("avatar_url"), avatarInDatabase(me));

        Api.Reply removed = Api.patch("/api/me", token, "{\"avatar_url\":null}");
        assertEquals(200, removed.status(), removed::toString);
        assertNull(avatarInDatabase(me), "null removes the avatar");
    }

    @Test
    void everyAllowedTypeAndTheSizeBoundsAreAccepted() {
        String token = Tokens.newUser();
        for (var type : Map.of("image/jpeg", ".jpg", "image/png", ".png", "image/webp", ".webp").entrySet()) {
            JsonObject upload = requestUpload(token, type.getKey(), 1);
            assertTrue(upload.getString("key").endsWith(type.getValue()), upload::toString);
            assertEquals(type.getKey(), upload.getJsonObject("headers").getString("Content-Type"));
        }
        JsonObject largest = requestUpload(token, "image/jpeg", 5 * MIB);
        assertEquals(200, put(largest, largest.getString("upload_url"), "image/jpeg", bytes((int) (5 * MIB))).statusCode(),
                "5 MiB exactly is allowed");
        JsonObject smallest = requestUpload(token, "image/webp", 1);
        assertEquals(200, put(smallest, smallest.getString("upload_url"), "image/webp", bytes(1)).statusCode());
    }

    @Test
    void s3RefusesAnUploadThatDiffersFromWhatWasSigned() {
        String token = Tokens.newUser();
        byte[] image = bytes(2048);
        JsonObject upload = requestUpload(token, "image/jpeg", image.length);
        String url = upload.getString("upload_url");
        String key = upload.getString("key");

        assertRefusedByS3(put(upload, url, "image/png", image), "SignatureDoesNotMatch", "another content type");
        assertRefusedByS3(put(upload, url, "image/jpeg", bytes(image.length + 1)), "SignatureDoesNotMatch", "a longer body");
        assertRefusedByS3(put(upload, url, "image/jpeg", bytes(image.length - 1)), "SignatureDoesNotMatch", "a shorter body");
        assertRefusedByS3(put(upload, tamperedSignature(url), "image/jpeg", image), "SignatureDoesNotMatch", "a tampered signature");
        assertRefusedByS3(put(upload, url.replace("X-Amz-Expires=600", "X-Amz-Expires=3600"), "image/jpeg", image),
                "SignatureDoesNotMatch", "a longer validity");
        String otherKey = key.replaceAll("/[0-9a-f-]{36}\\.", "/" + UUID.randomUUID() + ".");
        assertRefusedByS3(put(upload, url.replace(key, otherKey), "image/jpeg", image), "SignatureDoesNotMatch", "another key");
        assertNull(TestEnvironment.s3().read(key), "nothing was stored");
        assertNull(TestEnvironment.s3().read(otherKey), "nothing was stored");

        assertEquals(200, put(upload, url, "image/jpeg", image).statusCode(), "the signed request itself still works");
    }

    /**
     * The server's URLs live 10 minutes, too long to wait for here; its validity is asserted in
     * {@link #anAvatarIsUploadedToS3ThenSetOnTheProfile} (X-Amz-Expires=600, inside the signature as the
     * tampering test shows). That S3 then refuses an expired URL is shown with a URL the test
     * signs itself the same way, valid 2 seconds: accepted at once, refused after expiry.
     */
    @Test
    void s3RefusesAPresignedUploadAfterItExpires() throws InterruptedException {
        String key = "avatars/" + UUID.randomUUID() + "/" + UUID.randomUUID() + ".png";
        byte[] image = bytes(512);
        var presigned = TestEnvironment.s3().presigner().presignPutObject(p -> p.signatureDuration(Duration.ofSeconds(2))
                .putObjectRequest(o -> o.bucket(S3TestServer.BUCKET).key(key).contentType("image/png")
                        .contentLength((long) image.length)));
        JsonObject upload = Json.createObjectBuilder().add("headers", Json.createObjectBuilder().add("Content-Type", "image/png")).build();
        assertEquals(200, put(upload, presigned.url().toString(), "image/png", image).statusCode(), "valid before expiry");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), presigned.expiration()).toMillis()) + 1500);
        HttpResponse<byte[]> late = put(upload, presigned.url().toString(), "image/png", image);
        assertRefusedByS3(late, "AccessDenied", "an expired URL");
        assertTrue(new String(late.body(), StandardCharsets.UTF_8).contains("expired"), () -> new String(late.body()));
    }

    @Test
    void onlyTheOwnerMaySetTheAvatarUrl() {
        String alice = Tokens.newUser();
        String bob = Tokens.newUser();
        JsonObject upload = requestUpload(alice, "image/png", 10);
        assertEquals(200, put(upload, upload.getString("upload_url"), "image/png", bytes(10)).statusCode());
        String url = upload.getString("avatar_url");

        JsonObject bobBefore = Api.get("/api/me", bob).json();
        Api.Reply refused = Api.patch("/api/me", bob, "{\"avatar_url\":\"" + url + "\"}");
        assertInvalidAvatar(refused);
        assertEquals(bobBefore, Api.get("/api/me", bob).json(), "a refused request changes nothing");

        assertEquals(200, Api.patch("/api/me", alice, "{\"avatar_url\":\"" + url + "\"}").status());
    }

    @Test
    void anythingButTheHandedOutUrlIsRefused() {
        String token = Tokens.newUser();
        String me = Api.get("/api/me", token).json().getString("id");
        JsonObject upload = requestUpload(token, "image/png", 10);
        String url = upload.getString("avatar_url");
        String random = url.substring(url.lastIndexOf('/') + 1, url.lastIndexOf('.'));
        String bucketUrl = TestEnvironment.s3().endpoint() + "/" + S3TestServer.BUCKET + "/";
        String someoneElse = UUID.randomUUID().toString();
        JsonObject before = Api.get("/api/me", token).json();

        for (String variant : new String[]{
                upload.getString("upload_url"),
                url + "?x-id=PutObject",
                url + "#top",
                url + "/",
                url.replace(".png", ".gif"),
                url.replace(S3TestServer.BUCKET, "another-bucket"),
                url.replace("127.0.0.1", "localhost"),
                url.replace("http://", "https://"),
                bucketUrl + "avatars/" + me + "/../" + someoneElse + "/" + random + ".png",
                bucketUrl + "avatars/" + someoneElse + "/../" + me + "/" + random + ".png",
                bucketUrl + "avatars/" + me + "/%2E%2E/" + random + ".png",
                bucketUrl + "avatars/" + someoneElse + "/" + random + ".png",
                bucketUrl + "avatars/" + me.toUpperCase() + "/" + random + ".png",
                bucketUrl + "avatars/" + me + "/" + random,
                "https://evil.example.com/avatars/" + me + "/" + random + ".png",
                upload.getString("key"),
                "",
        }) {
            assertInvalidAvatar(Api.patch("/api/me", token, Json.createObjectBuilder().add("avatar_url", variant).build().toString()));
        }
        assertInvalidAvatar(Api.patch("/api/me", token, "{\"display_name\":\"Renamed\",\"avatar_url\":\"" + url + "?\"}"));
        assertEquals(before, Api.get("/api/me", token).json(), "no refused request changed anything");
    }

    @Test
    void badUploadRequestsAreRefusedNamingTheFieldAndChangeNothing() {
        String token = Tokens.newUser();
        JsonObject before = Api.get("/api/me", token).json();
        assertValidationFailed(token, "{\"content_length\":10}", "validation_failed", "content_type");
        assertValidationFailed(token, "{\"content_type\":\"image/png\"}", "validation_failed", "content_length");
        assertValidationFailed(token, "{\"content_type\":null,\"content_length\":10}", "validation_failed", "content_type");
        assertValidationFailed(token, "{}", "validation_failed", "content_type");
        for (String type : new String[]{"\"image/gif\"", "\"image/svg+xml\"", "\"text/html\"", "\"image/png; charset=utf-8\"",
                "\"IMAGE/PNG\"", "\"\"", "42", "[\"image/png\"]"}) {
            assertValidationFailed(token, "{\"content_type\":" + type + ",\"content_length\":10}", "validation_failed", "content_type");
        }
        for (String length : new String[]{"0", "-1", String.valueOf(5 * MIB + 1), "1e12", "1.5", "\"10\"", "null", "true"}) {
            assertValidationFailed(token, "{\"content_type\":\"image/png\",\"content_length\":" + length + "}",
                    "validation_failed", "content_length");
        }
        assertValidationFailed(token, "{\"content_type\":\"image/png\",\"content_length\":10,\"key\":\"avatars/x.png\"}",
                "unknown_field", "key");
        Api.Reply malformed = Api.post(PATH, token, "{\"content_type\":");
        assertEquals(400, malformed.status(), malformed::toString);
        assertEquals("malformed_json", malformed.code());
        assertEquals(before, Api.get("/api/me", token).json(), "refused requests change nothing");
    }

    @Test
    void theUploadEndpointNeedsAToken() {
        Api.Reply reply = Api.post(PATH, null, "{\"content_type\":\"image/png\",\"content_length\":10}");
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("unauthorized", reply.code());
        Api.Reply wrongMethod = Api.get(PATH, Tokens.newUser());
        assertEquals(405, wrongMethod.status(), wrongMethod::toString);
    }

    @Test
    void theOpenApiDocumentDescribesTheFlow() {
        Api.Reply reply = Api.send("GET", "/openapi", null, null, null);
        assertEquals(200, reply.status(), reply::toString);
        for (String part : new String[]{PATH, "AvatarUploadRequest", "AvatarUpload", "not_configured", "invalid_avatar_url"}) {
            assertTrue(reply.body().contains(part), part);
        }
    }

    private static JsonObject requestUpload(String token, String contentType, long contentLength) {
        Api.Reply reply = Api.post(PATH, token, "{\"content_type\":\"" + contentType + "\",\"content_length\":" + contentLength + "}");
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        return reply.json();
    }

    /**
     * A PUT as a phone sends it: the given URL, the headers the server returned (Content-Type
     * overridden by {@code contentType}), and the body, whose length the HTTP client sends itself.
     */
    private static HttpResponse<byte[]> put(JsonObject upload, String url, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        upload.getJsonObject("headers").forEach((name, value) ->
                request.header(name, name.equals("Content-Type") ? contentType : ((JsonString) value).getString()));
        return S3TestServer.send(request);
    }

    private static void assertRefusedByS3(HttpResponse<byte[]> response, String s3Code, String what) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(403, response.statusCode(), () -> what + ": " + body);
        assertTrue(body.contains("<Code>" + s3Code + "</Code>"), () -> what + ": " + body);
    }

    private static void assertInvalidAvatar(Api.Reply reply) {
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("invalid_avatar_url", reply.code());
        assertTrue(reply.json().getJsonArray("errors").stream()
                .anyMatch(e -> e.asJsonObject().getString("field").equals("avatar_url")), reply::toString);
    }

    private static void assertValidationFailed(String token, String body, String code, String field) {
        Api.Reply reply = Api.post(PATH, token, body);
        assertEquals(400, reply.status(), () -> body + " → " + reply);
        assertEquals(code, reply.code());
        assertTrue(reply.json().getJsonArray("errors").stream()
                .anyMatch(e -> e.asJsonObject().getString("field").equals(field)), () -> body + " → " + reply);
    }

    private static String tamperedSignature(String url) {
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char first = url.charAt(at);
        return url.substring(0, at) + (first == '0' ? '1' : '0') + url.substring(at + 1);
    }

    private static Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static String avatarInDatabase(String profileId) throws SQLException {
        try (Connection c = TestEnvironment.database().connect();
             PreparedStatement s = c.prepareStatement("select avatar_url from profiles where id = ?::uuid")) {
            s.setString(1, profileId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
