package dev.vigil.testing.mongo;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of a {@code mongod} binary (5.0 to 8.x), and what follows from it in MongoDB: the
 * wire version it announces, and which featureCompatibilityVersion values it can run with. A binary
 * X.0 accepts its own FCV and the previous major release's (8.0: "7.0" and "8.0"; 5.0: "4.4" and
 * "5.0"); a rapid release X.Y accepts X.0, X.(Y-1) and X.Y, as the MongoDB manual's
 * setFeatureCompatibilityVersion table says.
 *
 * @param major e.g. 7
 * @param minor e.g. 0
 * @param patch e.g. 14
 */
public record MongoBinaryVersion(int major, int minor, int patch) {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** The wire version of each MongoDB 5.0 (13) and later major release, its .0 version. */
    private static final int WIRE_VERSION_5_0 = 13;

    private static final int RELEASES_PER_MAJOR = 4;

    public MongoBinaryVersion {
        if (major < 5 || major > 8 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException(
                    "not a MongoDB 5.0 to 8.x version: " + major + "." + minor + "." + patch);
        }
    }

    /** Parses {@code 7.0.14}, or {@code 7.0} (patch 0). */
    public static MongoBinaryVersion parse(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a MongoDB version: " + text);
        }
        return new MongoBinaryVersion(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /** {@code 7.0.14}, as {@code buildInfo} reports it. */
    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }

    /** The FCV a deployment started on empty data files with this binary gets: {@code 7.0}. */
    public String featureCompatibilityVersion() {
        return major + "." + minor;
    }

    /** Every FCV value this binary starts with and accepts in setFeatureCompatibilityVersion. */
    public Set<String> supportedFeatureCompatibilityVersions() {
        Set<String> supported = new LinkedHashSet<>();
        if (minor == 0) {
            // 5.0 follows 4.4; every later major release follows the previous one's .0.
            supported.add(major == 5 ? "4.4" : (major - 1) + ".0");
        } else {
            supported.add(major + ".0");
            if (minor > 1) {
                supported.add(major + "." + (minor - 1));
            }
        }
        supported.add(featureCompatibilityVersion());
        return supported;
    }

    /** Whether this binary starts on data files whose FCV is {@code fcv}. */
    public boolean supports(String fcv) {
        return supportedFeatureCompatibilityVersions().contains(fcv);
    }

    /**
     * {@code maxWireVersion} in {@code hello}: 13 for 5.0, 17 for 6.0, 21 for 7.0, 25 for 8.0, one
     * more for each rapid release in between.
     */
    public int wireVersion() {
        return WIRE_VERSION_5_0 + (major - 5) * RELEASES_PER_MAJOR + minor;
    }

    /** {@code versionArray} of {@code buildInfo}: major, minor, patch, 0. */
    public List<Integer> versionArray() {
        return List.of(major, minor, patch, 0);
    }

    /**
     * Whether setFeatureCompatibilityVersion needs {@code confirm: true}: MongoDB 7.0 and later.
     */
    boolean requiresConfirmForFcvChange() {
        return major >= 7;
    }
}
