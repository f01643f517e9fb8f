package app.lockin.it;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * A real S3 server for the avatar tests: S3Proxy in this JVM, in-memory storage, one bucket,
 * and SigV4 authorization with its own access key, so presigned URLs are checked as S3 checks
 * them (signature over the signed headers, expiry). The Liberty test server signs with the same
 * key, given to it through the AWS SDK's system properties.
 */
public final class S3TestServer {

    public static final String BUCKET = "lockin-avatars-test";
    public static final String REGION = "eu-west-1";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String accessKey = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    private final String secretKey = UUID.randomUUID() + "/" + UUID.randomUUID();
    private final S3Proxy proxy;
    private final S3Presigner presigner;

    private S3TestServer() throws Exception {
        var store = new TransientNio2BlobStore();
        store.createContainer(BUCKET);
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        presigner = S3Presigner.builder()
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .endpointOverride(endpoint())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    static S3TestServer start() throws Exception {
        return new S3TestServer();
    }

    void stop() throws Exception {
        presigner.close();
        proxy.stop();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    String accessKey() {
        return accessKey;
    }

    String secretKey() {
        return secretKey;
    }

    /** A presigner holding the server's key: for the tests that sign requests themselves. */
    public S3Presigner presigner() {
        return presigner;
    }

    /** The stored object, read back over S3's own protocol with a presigned GET; null when absent. */
    public StoredObject read(String key) {
        var get = presigner.presignGetObject(g -> g.signatureDuration(Duration.ofMinutes(1))
                .getObjectRequest(o -> o.bucket(BUCKET).key(key)));
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(get.url().toString())).GET());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + key + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return new StoredObject(response.body(), response.headers().firstValue("Content-Type").orElse(null));
    }

    /** Sends a request to S3 as a mobile client would: plain HTTP, no SDK. */
    public static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record StoredObject(byte[] bytes, String contentType) {
    }
}
