package dev.vigil.validation;

import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.HealthCheck;
import dev.vigil.api.v1alpha1.HealthGateSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.StandardAnalysis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.healthGate.standardAnalyses}: each named once, on a database with a gate, and with
 * the {@code Analysis} check among those that run. Its queries are checked with the written
 * analyses'.
 */
final class StandardAnalysisRules {

    static final String FIELD = "spec.healthGate.standardAnalyses";

    static final String EXTERNAL =
            "must be unset in External mode: Vigil runs no health gate for a database it does not"
                    + " run";

    static final String CHECK_OFF =
            "has no effect: spec.healthGate.checks does not name Analysis, so no analysis runs";

    private StandardAnalysisRules() {}

    /** Adds to {@code errors} what {@code spec} (defaulted) breaks. */
    static void check(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        HealthGateSpec gate = spec.getHealthGate();
        if (gate == null
                || gate.getStandardAnalyses() == null
                || gate.getStandardAnalyses().isEmpty()) {
            return;
        }
        if (!DatabaseMode.runsMembers(spec.getMode())) {
            errors.add(new FieldError(FIELD, EXTERNAL));
            return;
        }
        if (gate.getChecks() != null && !gate.getChecks().contains(HealthCheck.Analysis)) {
            errors.add(new FieldError(FIELD, CHECK_OFF));
        }
        Map<StandardAnalysis, Integer> firstIndex = new HashMap<>();
        List<StandardAnalysis> named = gate.getStandardAnalyses();
        for (int i = 0; i < named.size(); i++) {
            Integer first = firstIndex.putIfAbsent(named.get(i), i);
            if (first != null) {
                errors.add(
                        new FieldError(
                                FIELD + "[" + i + "]",
                                "duplicates standardAnalyses[" + first + "] " + named.get(i)));
            }
        }
    }
}
