package dev.vigil.backup.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link ArchiveStore} of one database's dumps from {@code VIGIL_STORE_*} environment
 * variables, which the pod takes from its spec and, for the keys, from Secrets: credentials never
 * pass through arguments. The store's root is the repository, {@value #PATH}.
 */
public final class ArchiveStores {

    /** {@code s3} or {@code directory}. */
    public static final String TYPE = "VIGIL_STORE_TYPE";

    /**
     * The repository: for s3 the key prefix of the database's dumps, without leading slash (e.g.
     * {@code vigil/prod/payments/orders}); for a directory an absolute directory.
     */
    public static final String PATH = "VIGIL_STORE_PATH";

    /** The S3 service's https URL. */
    public static final String S3_ENDPOINT = "VIGIL_STORE_S3_ENDPOINT";

    public static final String S3_BUCKET = "VIGIL_STORE_S3_BUCKET";

    /** The region requests are signed for; {@value #DEFAULT_REGION} when unset. */
    public static final String S3_REGION = "VIGIL_STORE_S3_REGION";

    /** {@code path} (the default) or {@code host}: where the bucket goes in the URL. */
    public static final String S3_URI_STYLE = "VIGIL_STORE_S3_URI_STYLE";

    public static final String S3_ACCESS_KEY_ID = "VIGIL_STORE_S3_ACCESS_KEY_ID";

    public static final String S3_SECRET_ACCESS_KEY = "VIGIL_STORE_S3_SECRET_ACCESS_KEY";

    /** A PEM file of CA certificates to trust besides the JVM's own; optional. */
    public static final String S3_CA_FILE = "VIGIL_STORE_S3_CA_FILE";

    public static final String DEFAULT_REGION = "us-east-1";

    private ArchiveStores() {}

    /**
     * The store {@code environment} describes.
     *
     * @throws IllegalArgumentException when a variable is missing or wrong, naming it (never
     *     quoting a key)
     * @throws UncheckedIOException when the CA file cannot be read
     */
    public static ArchiveStore fromEnvironment(Map<String, String> environment) {
        String type = required(environment, TYPE);
        return switch (type) {
            case "s3" -> s3(environment);
            case "directory" -> directory(environment);
            default ->
                    throw new IllegalArgumentException(
                            TYPE + " is \"" + type + "\": it must be s3 or directory");
        };
    }

    /** The S3 settings {@code environment} describes. */
    static S3Settings s3Settings(Map<String, String> environment) {
        URI endpoint = endpoint(required(environment, S3_ENDPOINT));
        String bucket = required(environment, S3_BUCKET);
        String region = optional(environment, S3_REGION).orElse(DEFAULT_REGION);
        String style = optional(environment, S3_URI_STYLE).orElse("path");
        if (!style.equals("path") && !style.equals("host")) {
            throw new IllegalArgumentException(
                    S3_URI_STYLE + " is \"" + style + "\": it must be path or host");
        }
        String accessKeyId = required(environment, S3_ACCESS_KEY_ID);
        String secretAccessKey = required(environment, S3_SECRET_ACCESS_KEY);
        Optional<Path> caFile = optional(environment, S3_CA_FILE).map(Path::of);
        if (caFile.isPresent() && !Files.isReadable(caFile.get())) {
            throw new IllegalArgumentException(
                    S3_CA_FILE + " names " + caFile.get() + ", which is not a readable file");
        }
        String prefix = required(environment, PATH);
        if (prefix.startsWith("/")) {
            throw new IllegalArgumentException(
                    PATH + " is \"" + prefix + "\": for s3 it is a key prefix without leading /");
        }
        prefix = prefix.replaceAll("/+$", "");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException(PATH + " is empty: it names the repository");
        }
        try {
            ArchiveKeys.checked(prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    PATH + " is \"" + prefix + "\": it has an empty, . or .. name");
        }
        return new S3Settings(
                endpoint,
                bucket,
                region,
                style.equals("path"),
                accessKeyId,
                secretAccessKey,
                caFile,
                prefix);
    }

    private static ArchiveStore s3(Map<String, String> environment) {
        S3Settings settings = s3Settings(environment);
        try {
            return S3ArchiveStore.connect(settings);
        } catch (IOException e) {
            throw new UncheckedIOException(S3_CA_FILE + ": " + e.getMessage(), e);
        }
    }

    private static ArchiveStore directory(Map<String, String> environment) {
        Path path = Path.of(required(environment, PATH));
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(
                    PATH + " is \"" + path + "\": for directory it is an absolute directory");
        }
        return new DirectoryArchiveStore(path);
    }

    private static URI endpoint(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            // Not quoted: a mistyped variable might hold a key.
            throw new IllegalArgumentException(S3_ENDPOINT + " is not a URL");
        }
        // Any @ (a secret may hold a / that ends the authority early): the URL held user info.
        if (value.contains("@")) {
            throw new IllegalArgumentException(
                    S3_ENDPOINT
                            + " must not hold credentials: they go in "
                            + S3_ACCESS_KEY_ID
                            + " and "
                            + S3_SECRET_ACCESS_KEY);
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    S3_ENDPOINT + " must be an https URL with a host, e.g. https://s3.example.com");
        }
        return uri;
    }

    private static String required(Map<String, String> environment, String name) {
        return optional(environment, name)
                .orElseThrow(() -> new IllegalArgumentException(name + " is not set"));
    }

    private static Optional<String> optional(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
