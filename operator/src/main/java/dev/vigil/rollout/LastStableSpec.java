package dev.vigil.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.RolloutStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code status.rollout.lastStableSpec}: the spec of the last generation that passed its gate, as
 * JSON (as Flink's operator keeps it), with its SHA-256. The spec is kept as the user wrote it, so
 * it reads like the manifest it came from; a spec names Secrets but never holds a password.
 */
public final class LastStableSpec {

    private LastStableSpec() {}

    /** {@code spec} as JSON. */
    public static String serialize(MonitoredDatabaseSpec spec) {
        try {
            return Serialization.jsonMapper().writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec always serializes", e);
        }
    }

    /** The spec a {@link #serialize serialized} one stands for. */
    public static MonitoredDatabaseSpec parse(String json) {
        try {
            return Serialization.jsonMapper().readValue(json, MonitoredDatabaseSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("status.rollout.lastStableSpec is not a spec", e);
        }
    }

    /** SHA-256 of {@code json}, in hex. */
    public static String hash(String json) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * {@code resource} with its spec replaced by {@code rollout}'s last stable one: what Vigil
     * builds every object from while a failed generation is rolled back. Metadata and status are
     * shared with {@code resource}; the argument is not changed.
     *
     * @throws IllegalStateException when {@code rollout} has no last stable spec
     */
    public static MonitoredDatabase restore(MonitoredDatabase resource, RolloutStatus rollout) {
        if (rollout == null || rollout.getLastStableSpec() == null) {
            throw new IllegalStateException("no last stable spec to restore");
        }
        MonitoredDatabase stable = new MonitoredDatabase();
        stable.setMetadata(resource.getMetadata());
        stable.setSpec(parse(rollout.getLastStableSpec()));
        stable.setStatus(resource.getStatus());
        return stable;
    }
}
