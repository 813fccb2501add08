package dev.vigil.engine.mongodb;

import java.util.Comparator;
import java.util.Optional;

/**
 * MongoDB's featureCompatibilityVersion (FCV) against binary versions. A binary runs data whose FCV
 * is its own major.minor or the one before; once the FCV is raised, the older binary no longer
 * starts, so a rollback to it would fail, and the FCV is raised only after the new binary proved
 * itself.
 */
public final class FeatureCompatibility {

    /** Orders {@code major.minor} versions numerically. */
    public static final Comparator<String> ORDER =
            Comparator.<String>comparingInt(v -> part(v, 0)).thenComparingInt(v -> part(v, 1));

    private FeatureCompatibility() {}

    /** The FCV a binary of {@code version} ({@code 7.0.14}, {@code 7.0}, {@code 7}) sets: 7.0. */
    public static String of(String version) {
        return part(version, 0) + "." + part(version, 1);
    }

    /**
     * Why a binary of {@code version} cannot run on data of {@code fcv}, if it cannot: the FCV is
     * newer than the binary's major.minor.
     */
    public static Optional<String> tooNewFor(String fcv, String version) {
        return ORDER.compare(fcv, of(version)) > 0
                ? Optional.of(
                        "featureCompatibilityVersion " + fcv + " is newer than " + of(version))
                : Optional.empty();
    }

    private static int part(String version, int index) {
        String[] parts = version.split("\\.");
        return index < parts.length ? Integer.parseInt(parts[index]) : 0;
    }
}
