package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.apply.ResourceApplier;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.engine.OwnedResources;
import dev.vigil.engine.PassContext;
import dev.vigil.monitoring.EngineMonitoring;
import dev.vigil.monitoring.MonitoringContext;
import dev.vigil.monitoring.MonitoringResources;
import dev.vigil.monitoring.PrometheusRuleBuilder;
import dev.vigil.names.ResourceNames;
import dev.vigil.status.MonitoringHealth;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps a database's monitoring objects in place: its dashboards ConfigMap always, and its
 * ServiceMonitor or PodMonitor and PrometheusRule when the prometheus-operator CRDs exist and
 * {@code spec.monitoring.managed} holds. Every one is read from the watches (those of the monitors
 * and rules start once their CRDs exist); an object Vigil made and no longer wants (a monitor of
 * the other kind, rules when none are left, a disabled dashboard) is deleted.
 */
final class MonitoringStep implements PassStep {

    private final List<AlertPolicy> policies;
    private final String runbookBaseUrl;

    /**
     * @param policies the AlertPolicies of the database's namespace
     * @param runbookBaseUrl where the runbooks of the default alerts are published
     */
    MonitoringStep(List<AlertPolicy> policies, String runbookBaseUrl) {
        this.policies = policies;
        this.runbookBaseUrl = runbookBaseUrl;
    }

    @Override
    public StepResult run(PassContext pass) {
        pass.recordMonitoring(
                converge(
                        pass.defaulted(),
                        pass.engine().monitoring(),
                        pass.owned(),
                        pass.applier(),
                        pass.client()));
        return StepResult.PROCEED;
    }

    private MonitoringHealth converge(
            MonitoredDatabase defaulted,
            EngineMonitoring engine,
            OwnedResources owned,
            ResourceApplier applier,
            KubernetesClient client) {
        // The monitors' and rules' watches run exactly while the prometheus-operator CRDs exist.
        boolean installed = owned.monitoringWatched();
        MonitoringResources.Desired desired =
                MonitoringResources.forDefaulted(
                        defaulted,
                        engine,
                        installed
                                ? MonitoringContext.installed(
                                                policies, DatabaseEngines.overridableAlerts())
                                        .withRunbookBaseUrl(runbookBaseUrl)
                                : MonitoringContext.NONE);
        for (HasMetadata object : desired.objects()) {
            applier.apply(object, owned.find(object));
        }
        Set<String> wanted =
                desired.objects().stream()
                        .map(o -> o.getKind() + "/" + o.getMetadata().getName())
                        .collect(Collectors.toSet());
        deleteUnwanted(
                owned.find(ConfigMap.class, ResourceNames.dashboardConfigMap(defaulted)),
                wanted,
                defaulted,
                client);
        if (!installed) {
            return MonitoringHealth.crdsMissing();
        }
        for (Class<? extends HasMetadata> kind :
                List.of(ServiceMonitor.class, PodMonitor.class, PrometheusRule.class)) {
            String name =
                    kind == PrometheusRule.class
                            ? PrometheusRuleBuilder.name(defaulted)
                            : ResourceNames.monitor(defaulted);
            deleteUnwanted(owned.find(kind, name), wanted, defaulted, client);
        }
        if (!defaulted.getSpec().getMonitoring().getManaged()) {
            return MonitoringHealth.notManaged(
                    "spec.monitoring.managed is false: Vigil leaves monitors and rules to you");
        }
        if (!defaulted.getSpec().getExporter().getEnabled()) {
            return MonitoringHealth.notManaged("the exporter is off: there is nothing to scrape");
        }
        int rules = desired.rules().map(r -> r.rules().size()).orElse(0);
        return MonitoringHealth.installed(
                defaulted.getSpec().getMonitoring().getKind()
                        + " "
                        + ResourceNames.monitor(defaulted)
                        + " and "
                        + rules
                        + " alert rule(s)");
    }

    private static void deleteUnwanted(
            Optional<? extends HasMetadata> existing,
            Set<String> wanted,
            MonitoredDatabase database,
            KubernetesClient client) {
        existing.filter(o -> !wanted.contains(o.getKind() + "/" + o.getMetadata().getName()))
                .filter(o -> ownedBy(o, database))
                .ifPresent(o -> client.resource(o).delete());
    }

    private static boolean ownedBy(HasMetadata object, MonitoredDatabase database) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        return owners != null
                && owners.stream()
                        .anyMatch(o -> Objects.equals(o.getUid(), database.getMetadata().getUid()));
    }
}
