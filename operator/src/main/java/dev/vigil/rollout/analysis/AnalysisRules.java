package dev.vigil.rollout.analysis;

import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules of {@code spec.healthGate.analysis} that need more than the CRD schema: each query is
 * PromQL that Prometheus would accept, and each success condition parses. Checked with the rest of
 * the spec, so a broken analysis is refused before it could fail a rollout.
 */
public final class AnalysisRules {

    private AnalysisRules() {}

    /**
     * Every problem of {@code database}'s analyses.
     *
     * @param database the resource as written; it must already pass the CRD schema
     * @param promqlCheck the first problem of a PromQL expression, or empty when it is valid
     */
    public static List<FieldError> check(
            MonitoredDatabase database, Function<String, Optional<String>> promqlCheck) {
        List<FieldError> errors = new ArrayList<>();
        if (database.getSpec() == null
                || database.getSpec().getHealthGate() == null
                || database.getSpec().getHealthGate().getAnalysis() == null) {
            return errors;
        }
        List<AnalysisSpec> analyses = database.getSpec().getHealthGate().getAnalysis();
        for (int i = 0; i < analyses.size(); i++) {
            String field = "spec.healthGate.analysis[" + i + "]";
            AnalysisSpec analysis = analyses.get(i);
            if (analysis.getQuery() != null) {
                promqlCheck
                        .apply(analysis.getQuery())
                        .ifPresent(
                                problem ->
                                        errors.add(
                                                new FieldError(
                                                        field + ".query",
                                                        "is not valid PromQL: " + problem)));
            }
            try {
                SuccessCondition.parse(analysis.getSuccessCondition());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field + ".successCondition", e.getMessage()));
            }
        }
        return errors;
    }
}
