package dev.vigil.resources;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of configuration content, put on a pod template so that a configuration change changes
 * the template and the StatefulSet rolls its pods (a mounted ConfigMap alone would not).
 */
public final class ConfigHash {

    /** Annotation on the pod template carrying the digest. */
    public static final String ANNOTATION = "vigil.dev/config-hash";

    private ConfigHash() {}

    /**
     * The lower-case hex SHA-256 of {@code content} (file name to file text), independent of the
     * map's iteration order.
     */
    public static String of(Map<String, String> content) {
        MessageDigest digest = sha256();
        // Length-prefix every part, so that moving text between a name and its value, or between
        // two entries, always gives a different digest.
        new TreeMap<>(content)
                .forEach(
                        (name, text) -> {
                            update(digest, name);
                            update(digest, text);
                        });
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
