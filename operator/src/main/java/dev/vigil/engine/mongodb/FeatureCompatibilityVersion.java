package dev.vigil.engine.mongodb;

import java.util.Optional;

/**
 * A replica set's featureCompatibilityVersion, as {@code getParameter} reports it.
 *
 * @param version the FCV, e.g. {@code 6.0}
 * @param targetVersion while an upgrade or downgrade of the FCV is under way, the version it goes
 *     to
 */
public record FeatureCompatibilityVersion(String version, Optional<String> targetVersion) {

    /**
     * The version the data may already depend on: the target while a change is under way (a binary
     * older than it cannot finish or undo the change), the version otherwise.
     */
    public String effective() {
        return targetVersion.filter(t -> compare(t, version) > 0).orElse(version);
    }

    private static int compare(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length ? Integer.parseInt(left[i]) : 0;
            int r = i < right.length ? Integer.parseInt(right[i]) : 0;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }
}
