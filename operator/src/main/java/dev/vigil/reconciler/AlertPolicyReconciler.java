package dev.vigil.reconciler;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.AlertPolicyStatus;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.RejectedRule;
import dev.vigil.apply.ResourceApplier;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.monitoring.AlertmanagerConfigBuilder;
import dev.vigil.monitoring.MonitoringContext;
import dev.vigil.monitoring.MonitoringResources;
import dev.vigil.monitoring.policy.AlertPolicyRules;
import dev.vigil.monitoring.policy.ComposedRules;
import dev.vigil.monitoring.policy.PolicyOutcome;
import dev.vigil.monitoring.policy.PolicySelection;
import dev.vigil.runtime.LeanCache;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Reason;
import dev.vigil.validation.AlertPolicyValidator;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reports what an {@link AlertPolicy} does, and routes its alerts. The rules themselves are
 * installed by the databases' reconciler, into each selected database's PrometheusRule; this one
 * computes the same composition to tell, in status, which databases the policy matched and which of
 * its rules were rejected and why, and applies its {@code AlertmanagerConfig}.
 */
@ControllerConfiguration(name = AlertPolicyReconciler.NAME)
public class AlertPolicyReconciler implements Reconciler<AlertPolicy> {

    /** The controller's name, in logs and metrics. */
    public static final String NAME = "alertpolicy";

    static final String REASON_APPLIED = "Applied";
    static final String REASON_RULES_REJECTED = "RulesRejected";

    static final String MSG_NOT_APPLICABLE = "overrides not applicable to any of them: ";

    private static final Duration RECHECK = Duration.ofMinutes(5);

    private final ConditionFactory conditions;
    private final AlertPolicyValidator validator = new AlertPolicyValidator();

    public AlertPolicyReconciler(Clock clock) {
        this.conditions = new ConditionFactory(clock);
    }

    /** A database appearing, changing labels or going away may change what a policy matches. */
    @Override
    public List<EventSource<?, AlertPolicy>> prepareEventSources(
            EventSourceContext<AlertPolicy> context) {
        return List.of(
                new InformerEventSource<>(
                        InformerEventSourceConfiguration.from(
                                        MonitoredDatabase.class, AlertPolicy.class)
                                .withSecondaryToPrimaryMapper(
                                        database ->
                                                context.getPrimaryCache()
                                                        .list(
                                                                policy ->
                                                                        Objects.equals(
                                                                                policy.getMetadata()
                                                                                        .getNamespace(),
                                                                                database.getMetadata()
                                                                                        .getNamespace()))
                                                        .map(ResourceID::fromResource)
                                                        .collect(Collectors.toSet()))
                                .withItemStore(LeanCache.store())
                                .withNamespacesInheritedFromController()
                                .build(),
                        context));
    }

    /** One pass over a policy: validate, match, compose, route, report. */
    @Override
    public UpdateControl<AlertPolicy> reconcile(
            AlertPolicy resource, Context<AlertPolicy> context) {
        KubernetesClient client = context.getClient();
        List<FieldError> errors =
                validator.validate(Serialization.jsonMapper().valueToTree(resource));
        AlertPolicy policy = SchemaDefaults.withDefaults(resource);
        if (errors.isEmpty()) {
            errors = AlertPolicyRules.check(policy, MonitoringResources.SYNTAX_CHECK);
        }
        if (!errors.isEmpty()) {
            String message =
                    errors.stream()
                            .map(e -> e.field() + ": " + e.reason())
                            .collect(Collectors.joining("; "));
            StatusPatch.write(
                    resource,
                    status(resource, List.of(), List.of(), false, Reason.INVALID_SPEC, message),
                    context,
                    AlertPolicy::new);
            return UpdateControl.noUpdate();
        }
        String namespace = resource.getMetadata().getNamespace();
        List<AlertPolicy> policies =
                client.resources(AlertPolicy.class).inNamespace(namespace).list().getItems();
        List<MonitoredDatabase> matched =
                client
                        .resources(MonitoredDatabase.class)
                        .inNamespace(namespace)
                        .list()
                        .getItems()
                        .stream()
                        .map(SchemaDefaults::withDefaults)
                        .filter(database -> PolicySelection.selects(policy, database))
                        .sorted(
                                (a, b) ->
                                        a.getMetadata()
                                                .getName()
                                                .compareTo(b.getMetadata().getName()))
                        .toList();
        // RejectedRule has no equals: the same rejection, seen through two databases, is one.
        Map<String, RejectedRule> rejected = new LinkedHashMap<>();
        // Overrides of alerts no matched database has: not rejections, but worth a word.
        Set<String> applicableNowhere = new LinkedHashSet<>();
        Set<String> applicable = new HashSet<>();
        MonitoringContext monitoring =
                MonitoringContext.installed(policies, DatabaseEngines.overridableAlerts());
        for (MonitoredDatabase database : matched) {
            ComposedRules composed =
                    MonitoringResources.rules(
                            database,
                            DatabaseEngines.of(database.getSpec()).monitoring(),
                            monitoring);
            PolicyOutcome outcome = composed.outcome(policy);
            outcome.rejected()
                    .forEach(r -> rejected.putIfAbsent(r.getRule() + "\n" + r.getReason(), r));
            applicableNowhere.addAll(outcome.notApplicable());
            applicable.addAll(outcome.appliedOverrides());
        }
        rejected.values().forEach(r -> applicable.add(r.getRule()));
        applicableNowhere.removeAll(applicable);
        List<String> names = matched.stream().map(d -> d.getMetadata().getName()).toList();
        if (PrometheusOperatorCrds.installed(client)) {
            route(policy, names, client);
        }
        AlertPolicyStatus status =
                rejected.isEmpty()
                        ? status(
                                resource,
                                names,
                                List.of(),
                                true,
                                REASON_APPLIED,
                                appliedMessage(names.size(), applicableNowhere))
                        : status(
                                resource,
                                names,
                                List.copyOf(rejected.values()),
                                false,
                                REASON_RULES_REJECTED,
                                rejected.size() + " rule(s) rejected; see status.rejectedRules");
        StatusPatch.write(resource, status, context, AlertPolicy::new);
        return UpdateControl.<AlertPolicy>noUpdate().rescheduleAfter(RECHECK);
    }

    /**
     * The Ready message of a policy without rejections, naming the overrides of alerts that none of
     * its databases has (another engine's, say), which is not an error.
     */
    static String appliedMessage(int databases, Collection<String> applicableNowhere) {
        String message = "applies to " + databases + " database(s)";
        if (databases == 0 || applicableNowhere.isEmpty()) {
            return message;
        }
        return message + "; " + MSG_NOT_APPLICABLE + String.join(", ", applicableNowhere);
    }

    /** Applies the policy's AlertmanagerConfig, or deletes the one it no longer needs. */
    private void route(AlertPolicy policy, List<String> databases, KubernetesClient client) {
        AlertmanagerConfig existing =
                client.resources(AlertmanagerConfig.class)
                        .inNamespace(policy.getMetadata().getNamespace())
                        .withName(AlertmanagerConfigBuilder.name(policy))
                        .get();
        Optional<AlertmanagerConfig> desired = AlertmanagerConfigBuilder.build(policy, databases);
        if (desired.isPresent()) {
            new ResourceApplier(client).apply(desired.get(), Optional.ofNullable(existing));
        } else if (existing != null) {
            client.resource(existing).delete();
        }
    }

    private AlertPolicyStatus status(
            AlertPolicy resource,
            List<String> matched,
            List<RejectedRule> rejected,
            boolean ready,
            String reason,
            String message) {
        List<Condition> old =
                resource.getStatus() == null ? null : resource.getStatus().getConditions();
        AlertPolicyStatus status = new AlertPolicyStatus();
        status.setObservedGeneration(resource.getMetadata().getGeneration());
        status.setMatchedDatabases(matched);
        status.setRejectedRules(rejected);
        status.setConditions(
                List.of(
                        conditions.condition(
                                old,
                                ConditionType.READY,
                                ready,
                                reason,
                                message,
                                resource.getMetadata().getGeneration())));
        return status;
    }
}
