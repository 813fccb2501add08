package dev.vigil.rollout;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import java.util.Optional;

/**
 * Everything {@link RolloutStateMachine#next} decides from.
 *
 * @param resource the resource as written: its generation, and its spec, which becomes the last
 *     stable one when it passes
 * @param spec the same spec with the schema defaults, for the gate's settings
 * @param previous the status the last pass computed, if any
 * @param observation what this pass observed
 */
public record RolloutInput(
        MonitoredDatabase resource,
        MonitoredDatabaseSpec spec,
        Optional<MonitoredDatabaseStatus> previous,
        GateObservation observation) {

    /** The generation of the resource. */
    public long generation() {
        Long generation = resource.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }
}
