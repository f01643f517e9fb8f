package app.lockin.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A plain HTTP client for the API under test: real requests, real status codes, real bodies.
 * Every reply to a documented operation is checked against openapi.yaml ({@link ContractCheck}).
 */
public final class Api {

    /**
     * HTTP/1.1, one connection per concurrent request, as a load balancer talks to the server.
     * With the client's default (HTTP/2 through an h2c upgrade, every request multiplexed on one
     * connection) 7 of 8 simultaneous accepts of one invite twice went unanswered until the 30 s
     * timeout on the loaded build machine, with nothing in the server log; not seen over HTTP/1.1.
     */
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Api() {
    }

    public static Reply get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public static Reply post(String path, String token, String json) {
        return send("POST", path, token, json, "application/json");
    }

    public static Reply patch(String path, String token, String json) {
        return send("PATCH", path, token, json, "application/json");
    }

    public static Reply delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    public static Reply send(String method, String path, String token, String body, String contentType) {
        return sendTo(TestEnvironment.baseUrl(), method, path, token, body, contentType);
    }

    /** As {@link #send}, to the server at {@code baseUrl} (a second server of the same database). */
    public static Reply sendTo(String baseUrl, String method, String path, String token, String body, String contentType) {
        return exchange(baseUrl, method, path, token, contentType,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    /**
     * As {@link #send}, with extra request headers ({@code Idempotency-Key}, {@code If-Match}, …);
     * a null body sends none.
     */
    public static Reply sendWith(String method, String path, String token, String json, Map<String, String> headers) {
        return exchange(TestEnvironment.baseUrl(), method, path, token, json == null ? null : "application/json",
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json), headers);
    }

    /** A JSON body sent chunked, without Content-Length: the server only learns its size by reading. */
    public static Reply sendChunked(String method, String path, String token, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return exchange(TestEnvironment.baseUrl(), method, path, token, "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
    }

    private static Reply exchange(String baseUrl, String method, String path, String token, String contentType,
                                  HttpRequest.BodyPublisher body) {
        return exchange(baseUrl, method, path, token, contentType, body, Map.of());
    }

    private static Reply exchange(String baseUrl, String method, String path, String token, String contentType,
                                  HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ContractCheck.verify(response);
            return new Reply(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer: status, headers and the body parsed as JSON on demand. */
    public record Reply(HttpResponse<String> response) {

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public JsonObject json() {
            return parse().asJsonObject();
        }

        public JsonArray array() {
            return parse().asJsonArray();
        }

        /** The problem's {@code code}, after checking it is a problem+json body. */
        public String code() {
            if (!String.valueOf(header("Content-Type")).startsWith("application/problem+json")) {
                throw new AssertionError("not problem+json (" + header("Content-Type") + "): " + body());
            }
            return json().getString("code");
        }

        private JsonValue parse() {
            try (var reader = Json.createReader(new StringReader(body()))) {
                return reader.readValue();
            } catch (RuntimeException e) {
                throw new AssertionError("status " + status() + ", body is not JSON: " + body(), e);
            }
        }

        @Override
        public String toString() {
            return status() + " " + body();
        }
    }
}
