package dev.vigil.rollout;

import java.util.Set;

/**
 * What the reconciler must observe on a pass for the gate, so that a settled database costs no more
 * requests than before: pods are listed and the exporter, Prometheus and MongoDB's FCV are asked
 * only while they can change the outcome.
 *
 * @param pods list the database's pods (hard failures, stuck pods)
 * @param exporter read the exporter's {@code mongodb_up} / {@code pg_up}
 * @param analyses the analyses (by name) due for a measurement
 * @param featureCompatibilityVersion read MongoDB's featureCompatibilityVersion
 */
public record ObservationPlan(
        boolean pods, boolean exporter, Set<String> analyses, boolean featureCompatibilityVersion) {

    public ObservationPlan {
        analyses = Set.copyOf(analyses);
    }
}
