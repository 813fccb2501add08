package dev.vigil.monitoring;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.monitoring.policy.ComposedRules;
import dev.vigil.monitoring.policy.PolicySelection;
import dev.vigil.monitoring.policy.RuleComposer;
import dev.vigil.monitoring.promql.PromQlError;
import dev.vigil.monitoring.promql.PromQlSyntax;
import dev.vigil.monitoring.slo.SloRules;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The monitoring objects of one database, built without touching the cluster: the dashboards
 * ConfigMap, and, where the prometheus-operator is installed and {@code spec.monitoring.managed}
 * holds, the ServiceMonitor or PodMonitor and the PrometheusRule with the engine's default alerts
 * merged with every AlertPolicy that selects the database.
 */
public final class MonitoringResources {

    /** Vigil's own PromQL check, as the rule composer and the validators take it. */
    public static final Function<String, Optional<String>> SYNTAX_CHECK =
            expr -> PromQlSyntax.check(expr).map(PromQlError::message);

    private MonitoringResources() {}

    /**
     * What monitoring {@code database} gets.
     *
     * @param objects the objects to keep converged, in the order to apply them
     * @param rules how the alert rules were composed, for the policies' status; empty when no rules
     *     are built
     */
    public record Desired(List<HasMetadata> objects, Optional<ComposedRules> rules) {

        public Desired {
            objects = List.copyOf(objects);
        }
    }

    /**
     * The monitoring objects of {@code database}, with its engine's alerts and dashboard, in {@code
     * monitoring}'s circumstances.
     */
    public static Desired desired(
            MonitoredDatabase database, EngineMonitoring engine, MonitoringContext monitoring) {
        return forDefaulted(SchemaDefaults.withDefaults(database), engine, monitoring);
    }

    /**
     * {@link #desired} of a database whose defaults are applied already (a pass's defaulted
     * resource), which saves a pass applying them again.
     */
    public static Desired forDefaulted(
            MonitoredDatabase defaulted, EngineMonitoring engine, MonitoringContext monitoring) {
        List<HasMetadata> objects = new ArrayList<>();
        DashboardConfigMapBuilder.build(defaulted, engine).ifPresent(objects::add);
        if (!monitoring.prometheusOperatorInstalled()
                || !defaulted.getSpec().getMonitoring().getManaged()) {
            return new Desired(objects, Optional.empty());
        }
        MonitorBuilder.build(defaulted).ifPresent(objects::add);
        ComposedRules composed = rules(defaulted, engine, monitoring);
        Optional<SloRules> slo =
                SloRules.of(
                        defaulted,
                        engine.indicators(),
                        composed.priorityLabels(),
                        monitoring.runbookBaseUrl());
        if (!composed.rules().isEmpty() || slo.isPresent()) {
            objects.add(PrometheusRuleBuilder.build(defaulted, composed.rules(), slo));
        }
        return new Desired(objects, Optional.of(composed));
    }

    /** The alert rules of {@code defaulted}: its defaults merged with the policies selecting it. */
    public static ComposedRules rules(
            MonitoredDatabase defaulted, EngineMonitoring engine, MonitoringContext monitoring) {
        List<DefaultAlert> defaults =
                defaulted.getSpec().getMonitoring().getDefaultAlerts()
                        ? DefaultAlerts.applicable(defaulted, engine)
                        : List.of();
        List<AlertPolicy> selecting =
                monitoring.policies().stream()
                        .map(SchemaDefaults::withDefaults)
                        .filter(policy -> PolicySelection.selects(policy, defaulted))
                        .toList();
        return new RuleComposer(SYNTAX_CHECK, monitoring.overridable())
                .compose(defaulted, defaults, selecting, monitoring.runbookBaseUrl());
    }
}
