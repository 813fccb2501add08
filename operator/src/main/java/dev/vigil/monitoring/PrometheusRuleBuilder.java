package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoringSpec;
import dev.vigil.monitoring.slo.RecordingRule;
import dev.vigil.monitoring.slo.SloRules;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroupBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds a database's PrometheusRule: one group holding its alert rules. Pure: no API call. */
public final class PrometheusRuleBuilder {

    private PrometheusRuleBuilder() {}

    /** The name of the PrometheusRule of {@code database}. */
    public static String name(MonitoredDatabase database) {
        return database.getMetadata().getName() + "-alerts";
    }

    /**
     * The PrometheusRule {@code <name>-alerts} holding {@code rules} in order, in one group {@code
     * <name>.rules}, labelled like every metrics object of the database plus {@code
     * spec.monitoring.labels} (which decide whether a Prometheus selects it).
     *
     * @param defaulted the database, its spec defaulted
     * @param rules the rules, already composed (defaults, policies' changes, custom rules)
     */
    public static PrometheusRule build(MonitoredDatabase defaulted, List<AlertRule> rules) {
        return build(defaulted, rules, Optional.empty());
    }

    /**
     * As {@link #build(MonitoredDatabase, List)}, with a second group {@code <name>.slo} holding
     * the {@link SloRules SLO rules} when there are any. A group with no rule is left out.
     */
    public static PrometheusRule build(
            MonitoredDatabase defaulted, List<AlertRule> rules, Optional<SloRules> slo) {
        ObjectMeta metadata =
                OwnedMetadata.of(defaulted, name(defaulted), StandardLabels.COMPONENT_METRICS);
        metadata.setLabels(labels(defaulted));
        List<RuleGroup> groups = new ArrayList<>();
        if (!rules.isEmpty()) {
            groups.add(
                    new RuleGroupBuilder()
                            .withName(defaulted.getMetadata().getName() + ".rules")
                            .withRules(rules.stream().map(PrometheusRuleBuilder::rule).toList())
                            .build());
        }
        slo.ifPresent(
                objectives -> {
                    List<Rule> sloRules = new ArrayList<>();
                    objectives.records().forEach(record -> sloRules.add(recording(record)));
                    objectives.alerts().forEach(alert -> sloRules.add(rule(alert)));
                    groups.add(
                            new RuleGroupBuilder()
                                    .withName(defaulted.getMetadata().getName() + ".slo")
                                    .withRules(sloRules)
                                    .build());
                });
        return new io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                .withGroups(groups)
                .endSpec()
                .build();
    }

    /**
     * Every applicable default alert of {@code defaulted} with its default threshold, {@code for}
     * and priority, and the {@link PriorityLabels#DEFAULT default labels} of that priority.
     */
    public static List<AlertRule> defaults(
            MonitoredDatabase defaulted, EngineMonitoring engine, String runbookBaseUrl) {
        return DefaultAlerts.applicable(defaulted, engine).stream()
                .map(
                        alert ->
                                alert.instantiate(
                                        defaulted,
                                        alert.threshold(),
                                        alert.forDuration(),
                                        alert.priority(),
                                        PriorityLabels.DEFAULT,
                                        runbookBaseUrl))
                .toList();
    }

    private static Map<String, String> labels(MonitoredDatabase database) {
        Map<String, String> labels =
                new LinkedHashMap<>(
                        StandardLabels.forObject(database, StandardLabels.COMPONENT_METRICS));
        MonitoringSpec monitoring = database.getSpec().getMonitoring();
        if (monitoring != null && monitoring.getLabels() != null) {
            // The standard labels win: Vigil's selectors and ownership rely on them.
            monitoring.getLabels().forEach(labels::putIfAbsent);
        }
        return labels;
    }

    private static Rule recording(RecordingRule record) {
        return new RuleBuilder()
                .withRecord(record.record())
                .withExpr(new IntOrString(record.expr()))
                .withLabels(record.labels().isEmpty() ? null : new TreeMap<>(record.labels()))
                .build();
    }

    private static Rule rule(AlertRule rule) {
        // Sorted maps: AlertRule's maps have no order, and a stable order keeps the object equal
        // to itself from one reconcile to the next and the rendered YAML diffable.
        return new RuleBuilder()
                .withAlert(rule.alert())
                .withExpr(new IntOrString(rule.expr()))
                .withFor(rule.forDuration())
                .withLabels(new TreeMap<>(rule.labels()))
                .withAnnotations(new TreeMap<>(rule.annotations()))
                .build();
    }
}
