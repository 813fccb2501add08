package dev.vigil.rollout;

import java.util.List;
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
 * @param podsUnderTest the pods a canary step judges, which the analyses' {@code $(pods)} names;
 *     empty when every member is under test
 */
public record ObservationPlan(
        boolean pods,
        boolean exporter,
        Set<String> analyses,
        boolean featureCompatibilityVersion,
        List<String> podsUnderTest) {

    public ObservationPlan {
        analyses = Set.copyOf(analyses);
        podsUnderTest = List.copyOf(podsUnderTest);
    }
}
