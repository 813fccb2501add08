package dev.vigil.rollout;

import dev.vigil.rollout.analysis.Measurement;
import dev.vigil.status.DatabaseHealth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the reconciler observed on one pass for the health gate; the {@link ObservationPlan} says
 * what it needed to look at.
 *
 * @param statefulSet the database's StatefulSet, once it exists
 * @param pods the database's pods (empty when they were not listed)
 * @param database what the engine's step found
 * @param exporter what the exporter reports
 * @param measurements the analyses measured on this pass, by analysis name
 * @param featureCompatibilityVersion MongoDB's, when it was read
 * @param primaryOrdinal the member that is the primary, when the engine's step found it
 */
public record GateObservation(
        Optional<StatefulSetObservation> statefulSet,
        List<PodObservation> pods,
        DatabaseHealth database,
        ExporterReading exporter,
        Map<String, Measurement> measurements,
        Optional<String> featureCompatibilityVersion,
        OptionalInt primaryOrdinal) {

    public GateObservation {
        pods = List.copyOf(pods);
        measurements = Map.copyOf(measurements);
    }

    /** Pod {@code name} runs, ready and not terminating, at the StatefulSet's update revision. */
    public boolean updated(String name) {
        Optional<String> revision = statefulSet.flatMap(StatefulSetObservation::updateRevision);
        return revision.isPresent()
                && pods.stream()
                        .anyMatch(
                                p ->
                                        p.name().equals(name)
                                                && p.ready()
                                                && !p.terminating()
                                                && p.revision().equals(revision));
    }
}
