package dev.vigil.rollout;

import java.util.Optional;

/**
 * An engine whose data carries a compatibility version apart from its binaries' version, raised
 * only once a new binary has proved itself (MongoDB's featureCompatibilityVersion). Once raised,
 * older binaries no longer start on the data, so the health gate holds the raise until the gate and
 * a soak have passed, and refuses a rollback that the raised data could no longer run.
 */
public interface DataCompatibility {

    /** The compatibility version that binaries of {@code version} set. */
    String of(String version);

    /** Orders two compatibility versions: negative, zero or positive, as a comparator does. */
    int compare(String a, String b);

    /**
     * Why binaries of {@code version} cannot run on data of compatibility version {@code
     * compatibility}, if they cannot.
     */
    Optional<String> tooNewFor(String compatibility, String version);
}
