package dev.vigil.validation;

import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.CanaryStep;
import dev.vigil.api.v1alpha1.HealthGateSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.MonitoringSpec;
import dev.vigil.api.v1alpha1.UpgradeSpec;
import java.util.List;

/**
 * The durations of a MonitoredDatabase fit a duration: the schema's pattern bounds their form, not
 * their size, and the operator adds them to the time of day (a gate's timeout, a canary's pause),
 * which a value beyond Go's 292 years would overflow on every pass.
 */
final class DurationRules {

    private DurationRules() {}

    /** Adds to {@code errors} each duration of {@code spec} (defaulted) too long to hold. */
    static void check(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        HealthGateSpec gate = spec.getHealthGate();
        if (gate != null) {
            fits("spec.healthGate.timeout", gate.getTimeout(), errors);
            fits("spec.healthGate.maxReplicationLag", gate.getMaxReplicationLag(), errors);
            List<AnalysisSpec> analyses = gate.getAnalysis();
            for (int i = 0; analyses != null && i < analyses.size(); i++) {
                String field = "spec.healthGate.analysis[" + i + "]";
                fits(field + ".interval", analyses.get(i).getInterval(), errors);
                fits(field + ".window", analyses.get(i).getWindow(), errors);
            }
        }
        MonitoringSpec monitoring = spec.getMonitoring();
        if (monitoring != null) {
            fits("spec.monitoring.interval", monitoring.getInterval(), errors);
            fits("spec.monitoring.scrapeTimeout", monitoring.getScrapeTimeout(), errors);
        }
        UpgradeSpec upgrade = spec.getUpgrade();
        if (upgrade != null) {
            fits("spec.upgrade.fcvSoak", upgrade.getFcvSoak(), errors);
            List<CanaryStep> steps = upgrade.getSteps();
            for (int i = 0; steps != null && i < steps.size(); i++) {
                fits("spec.upgrade.steps[" + i + "].pause", steps.get(i).getPause(), errors);
            }
        }
    }

    /** Whether {@code value} (null: unset) holds; adds the error when it does not. */
    static boolean fits(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return true;
        }
        try {
            SpecDuration.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return false;
        }
    }
}
