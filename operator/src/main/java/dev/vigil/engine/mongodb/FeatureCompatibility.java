package dev.vigil.engine.mongodb;

import dev.vigil.rollout.DataCompatibility;
import java.util.Comparator;
import java.util.Optional;

/**
 * MongoDB's featureCompatibilityVersion (FCV) against binary versions. A binary runs data whose FCV
 * is its own major.minor or the one before; once the FCV is raised, the older binary no longer
 * starts, so a rollback to it would fail, and the FCV is raised only after the new binary proved
 * itself.
 */
public final class FeatureCompatibility implements DataCompatibility {

    /** The one instance: MongoDB's rules do not vary. */
    public static final FeatureCompatibility MONGODB = new FeatureCompatibility();

    /** Orders {@code major.minor} versions numerically. */
    static final Comparator<String> ORDER =
            Comparator.<String>comparingInt(v -> part(v, 0)).thenComparingInt(v -> part(v, 1));

    private FeatureCompatibility() {}

    /** The FCV a binary of {@code version} ({@code 7.0.14}, {@code 7.0}, {@code 7}) sets: 7.0. */
    @Override
    public String of(String version) {
        return part(version, 0) + "." + part(version, 1);
    }

    @Override
    public int compare(String a, String b) {
        return ORDER.compare(a, b);
    }

    /**
     * Why a binary of {@code version} cannot run on data of {@code fcv}, if it cannot: the FCV is
     * newer than the binary's major.minor.
     */
    @Override
    public Optional<String> tooNewFor(String fcv, String version) {
        return compare(fcv, of(version)) > 0
                ? Optional.of(
                        "featureCompatibilityVersion " + fcv + " is newer than " + of(version))
                : Optional.empty();
    }

    private static int part(String version, int index) {
        String[] parts = version.split("\\.");
        return index < parts.length ? Integer.parseInt(parts[index]) : 0;
    }
}
