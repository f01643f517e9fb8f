package app.lockin.ejb.profile;

import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where avatars are stored and served from (SPEC §4), read from MicroProfile Config with the keys
 * named as their environment variables. {@code endpoint} is null for AWS itself; set, it names
 * an S3-compatible server addressed path-style. {@code publicBaseUrl} is null unless avatars are
 * served through a CDN; without it they are served from the bucket's own URL.
 */
record AvatarSettings(String bucket, String region, URI endpoint, String publicBaseUrl) {

    static final String BUCKET = "LOCKIN_S3_BUCKET";
    static final String REGION = "LOCKIN_S3_REGION";
    static final String ENDPOINT = "LOCKIN_S3_ENDPOINT";
    static final String PUBLIC_BASE_URL = "LOCKIN_AVATAR_PUBLIC_BASE_URL";

    /**
     * The settings, or empty when no bucket is configured (avatars are then off). A bucket with
     * a missing or malformed companion setting is refused with a message for operators.
     */
    static Optional<AvatarSettings> read(Function<String, Optional<String>> config) {
        Optional<String> bucket = value(config, BUCKET);
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        String region = value(config, REGION).orElseThrow(() ->
                new IllegalArgumentException(BUCKET + " is set but " + REGION + " is not"));
        URI endpoint = value(config, ENDPOINT).map(v -> httpUrl(ENDPOINT, v)).orElse(null);
        String publicBase = value(config, PUBLIC_BASE_URL).map(v -> httpUrl(PUBLIC_BASE_URL, v).toString()).orElse(null);
        return Optional.of(new AvatarSettings(bucket.get(), region, endpoint, publicBase));
    }

    /**
     * The URL an object key is served at, less the key: the CDN base when configured, else the
     * bucket's URL, path-style on a custom endpoint and virtual-hosted on AWS. No trailing slash.
     */
    String objectBaseUrl() {
        if (publicBaseUrl != null) {
            return publicBaseUrl;
        }
        if (endpoint != null) {
            return endpoint + "/" + bucket;
        }
        return "https://" + bucket + ".s3." + region + "." + PartitionMetadata.of(Region.of(region)).dnsSuffix();
    }

    /** For the log: where uploads go and where avatars are served from. */
    String describe() {
        return "bucket " + bucket + " in " + region + (endpoint == null ? "" : " at " + endpoint)
                + ", served from " + objectBaseUrl() + "/";
    }

    private static Optional<String> value(Function<String, Optional<String>> config, String key) {
        return config.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** An absolute http(s) URL without query or fragment, its trailing slashes removed. */
    private static URI httpUrl(String key, String value) {
        URI uri;
        try {
            uri = URI.create(value.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a URL: " + value);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(key + " must be an http(s) URL without query or fragment, not " + value);
        }
        return uri;
    }
}
