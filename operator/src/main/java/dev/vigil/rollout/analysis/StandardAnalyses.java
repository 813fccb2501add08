package dev.vigil.rollout.analysis;

import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.HealthGateSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.StandardAnalysis;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ready-made analyses of {@code spec.healthGate.standardAnalyses}, the four common rollback
 * triggers: health-check failures above 50% for 2 minutes, an error rate above 5% over 5 minutes, a
 * p95 latency above 2 s over 3 minutes, and connection failures above 10% for 1 minute. The
 * thresholds and windows live here; what each measures in an engine's series comes from its {@link
 * EngineAnalyses}. Pure.
 */
public final class StandardAnalyses {

    /** The interval of every ready-made analysis. */
    static final String INTERVAL = "30s";

    /** How long each of the first three must hold before the gate may pass. */
    static final String WINDOW = "2m";

    /** Calls slower than this count against the latency trigger. */
    static final double SLOW_SECONDS = 2;

    private StandardAnalyses() {}

    /**
     * The analyses the gate runs: those written in {@code gate.analysis}, in their order, then the
     * ready-made ones {@code gate.standardAnalyses} names, in its order, except those an analysis
     * of the same name replaces. Without an engine's queries (External mode has no gate) only the
     * written ones.
     */
    public static List<AnalysisSpec> effective(
            HealthGateSpec gate, DatabaseSeries series, Optional<EngineAnalyses> engine) {
        List<AnalysisSpec> written = gate.getAnalysis() == null ? List.of() : gate.getAnalysis();
        List<AnalysisSpec> analyses = new ArrayList<>(written);
        if (engine.isEmpty()) {
            return List.copyOf(analyses);
        }
        Set<String> replaced =
                written.stream().map(AnalysisSpec::getName).collect(Collectors.toSet());
        for (StandardAnalysis standard : named(gate)) {
            if (!replaced.contains(standard.analysisName())) {
                analyses.add(of(standard, series, engine.get()));
            }
        }
        return List.copyOf(analyses);
    }

    /**
     * {@code spec} (defaulted) with {@code healthGate.analysis} holding {@link #effective}
     * analyses, for the gate to measure; {@code spec} itself when it names no ready-made one. A
     * copy: the argument is not changed.
     */
    public static MonitoredDatabaseSpec applied(
            MonitoredDatabaseSpec spec, DatabaseSeries series, Optional<EngineAnalyses> engine) {
        if (spec.getHealthGate() == null || named(spec.getHealthGate()).isEmpty()) {
            return spec;
        }
        MonitoredDatabaseSpec copy =
                Serialization.jsonMapper().convertValue(spec, MonitoredDatabaseSpec.class);
        copy.getHealthGate().setAnalysis(effective(spec.getHealthGate(), series, engine));
        return copy;
    }

    /** The ready-made analysis {@code standard} of the database {@code series} stands for. */
    public static AnalysisSpec of(
            StandardAnalysis standard, DatabaseSeries series, EngineAnalyses engine) {
        return switch (standard) {
            // The share of the members under test failing readiness, at its lowest over 2
            // minutes: only a failure that lasted the whole 2 minutes reaches 1. Just after a
            // rollout kube-state-metrics may still report members not ready that became ready:
            // two such measurements are tolerated.
            case HealthCheckFailures ->
                    analysis(
                            standard,
                            "min_over_time((1 - avg(kube_pod_status_ready{"
                                    + series.pods()
                                    + ", condition=\"true\"}))[2m:15s])",
                            "result <= 0.5",
                            2,
                            WINDOW);
            case ErrorRate ->
                    analysis(
                            standard,
                            engine.errorRate(series, "5m"),
                            "isNaN(result) || result <= 0.05",
                            0,
                            WINDOW);
            case P95Latency ->
                    analysis(
                            standard,
                            engine.slowCalls(series, "3m", SLOW_SECONDS),
                            "isNaN(result) || result <= 0.05",
                            0,
                            WINDOW);
            // A measurement taken as a restarted member's exporter reconnects is tolerated.
            case ConnectionFailures ->
                    analysis(
                            standard,
                            engine.connectionFailures(series, "1m"),
                            "result <= 0.1",
                            1,
                            "1m");
        };
    }

    /** The ready-made analyses {@code gate} names, each once, in its order. */
    static List<StandardAnalysis> named(HealthGateSpec gate) {
        return gate.getStandardAnalyses() == null
                ? List.of()
                : List.copyOf(new LinkedHashSet<>(gate.getStandardAnalyses()));
    }

    private static AnalysisSpec analysis(
            StandardAnalysis standard,
            String query,
            String successCondition,
            int failureLimit,
            String window) {
        AnalysisSpec analysis = new AnalysisSpec();
        analysis.setName(standard.analysisName());
        analysis.setQuery(query);
        analysis.setSuccessCondition(successCondition);
        analysis.setInterval(INTERVAL);
        analysis.setFailureLimit(failureLimit);
        analysis.setWindow(window);
        return analysis;
    }
}
