package dev.vigil.rollout.analysis;

import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.HealthGateSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.StandardAnalysis;
import dev.vigil.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules of {@code spec.healthGate.analysis} and {@code standardAnalyses} that need more than
 * the CRD schema: each query, the ready-made ones' too, is PromQL that Prometheus would accept, and
 * each success condition parses. Checked with the rest of the spec, so a broken analysis is refused
 * before it could fail a rollout.
 */
public final class AnalysisRules {

    private AnalysisRules() {}

    /**
     * Every problem of {@code database}'s analyses, the ready-made ones included.
     *
     * @param database the resource as written; it must already pass the CRD schema
     * @param engine the queries of the database's engine for the ready-made analyses, if it has a
     *     gate
     * @param promqlCheck the first problem of a PromQL expression, or empty when it is valid
     */
    public static List<FieldError> check(
            MonitoredDatabase database,
            Optional<EngineAnalyses> engine,
            Function<String, Optional<String>> promqlCheck) {
        List<FieldError> errors = new ArrayList<>();
        if (database.getSpec() == null || database.getSpec().getHealthGate() == null) {
            return errors;
        }
        HealthGateSpec gate = database.getSpec().getHealthGate();
        List<AnalysisSpec> written = gate.getAnalysis() == null ? List.of() : gate.getAnalysis();
        for (int i = 0; i < written.size(); i++) {
            check(written.get(i), "spec.healthGate.analysis[" + i + "]", promqlCheck, errors);
        }
        List<AnalysisSpec> effective =
                StandardAnalyses.effective(gate, DatabaseSeries.of(database), engine);
        List<StandardAnalysis> named =
                gate.getStandardAnalyses() == null ? List.of() : gate.getStandardAnalyses();
        // The ready-made ones follow the written ones; a bad one is Vigil's bug, but is refused
        // all the same rather than failing rollouts.
        for (AnalysisSpec standard : effective.subList(written.size(), effective.size())) {
            String field =
                    "spec.healthGate.standardAnalyses["
                            + named.stream()
                                    .map(StandardAnalysis::analysisName)
                                    .toList()
                                    .indexOf(standard.getName())
                            + "]";
            check(standard, field, promqlCheck, errors);
        }
        return errors;
    }

    private static void check(
            AnalysisSpec analysis,
            String field,
            Function<String, Optional<String>> promqlCheck,
            List<FieldError> errors) {
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
}
