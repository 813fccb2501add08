package dev.vigil.engine.external;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.DatabaseServiceAccount;
import dev.vigil.resources.DesiredResources;
import dev.vigil.resources.ExporterContainers;
import dev.vigil.resources.MetricsService;
import dev.vigil.resources.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Assembles what an External database needs: the exporter's ServiceAccount, the metrics Service,
 * the NetworkPolicy (unless opted out) and the exporter Deployment, for either engine. Vigil runs
 * no database for it, so there is no StatefulSet and no Secret of its own, and no
 * PodDisruptionBudget (one exporter pod, whose restart costs a scrape): the user provides the
 * monitoring user's credentials Secret (and the URI Secret, if any).
 */
public final class ExternalResourcesBuilder {

    /** Why an External database without an exporter is refused. */
    public static final String EXPORTER_REQUIRED = "External mode runs only the exporter";

    private ExternalResourcesBuilder() {}

    /**
     * The desired objects of {@code database}, which must carry its schema defaults and pass the
     * validation rules.
     *
     * @throws IllegalArgumentException when the exporter is disabled or {@code spec.external} is
     *     missing, naming the field; the validator refuses such resources before they get here
     */
    public static DesiredResources build(MonitoredDatabase database, BuildContext context) {
        if (!ExporterContainers.enabled(database)) {
            throw new IllegalArgumentException("spec.exporter.enabled: " + EXPORTER_REQUIRED);
        }
        if (database.getSpec().getExternal() == null) {
            throw new IllegalArgumentException("spec.external is required in External mode");
        }
        Map<String, String> exporterPods = ExternalExporterDeploymentBuilder.selector(database);
        List<HasMetadata> resources = new ArrayList<>();
        resources.add(DatabaseServiceAccount.build(database, StandardLabels.COMPONENT_METRICS));
        resources.add(MetricsService.build(database, exporterPods));
        if (NetworkPolicyBuilder.enabled(database)) {
            resources.add(
                    NetworkPolicyBuilder.external(
                            database,
                            exporterPods,
                            database.getSpec().getExternal().getUriSecret() != null
                                    ? context.network().externalUriPorts()
                                    : ExternalExporterTargets.ports(
                                            database.getSpec().getExternal(),
                                            database.getSpec().getEngine()),
                            context.network()));
        }
        resources.add(
                ExternalExporterDeploymentBuilder.build(
                        database, context.monitoringCredentialsRevision()));
        return new DesiredResources(List.of(), resources);
    }
}
