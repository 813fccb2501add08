package dev.vigil.engine.external;

import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.api.v1alpha1.ExternalSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.MonitoringPasswordRotation;
import dev.vigil.engine.mongodb.MongoExporterContainer;
import dev.vigil.engine.postgres.PostgresExporterContainer;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.PodTemplatePassthrough;
import dev.vigil.resources.RestrictedPodSecurity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the Deployment {@code <name>-exporter} of an External database: one pod running the
 * engine's exporter against the database Vigil does not run, as the monitoring user of {@code
 * spec.external.credentialsSecretName}.
 */
public final class ExternalExporterDeploymentBuilder {

    /**
     * The exporter images run as a user name the kubelet cannot check against {@code runAsNonRoot};
     * the pod runs as {@code nobody} by number instead. The exporters write nothing, so the user
     * owns no file.
     */
    static final long EXPORTER_UID = 65534;

    private ExternalExporterDeploymentBuilder() {}

    /**
     * The exporter Deployment of {@code database} (already defaulted, mode External).
     *
     * @param credentialsRevision the monitoring-password rotation token, so that a new one restarts
     *     the exporter ({@link MonitoringPasswordRotation})
     */
    public static Deployment build(
            MonitoredDatabase database, Optional<String> credentialsRevision) {
        Map<String, String> selector = selector(database);
        Deployment deployment =
                new DeploymentBuilder()
                        .withMetadata(
                                OwnedMetadata.of(
                                        database,
                                        ResourceNames.exporterDeployment(database),
                                        StandardLabels.COMPONENT_METRICS))
                        .withNewSpec()
                        // One is enough: a scrape missed during a restart costs one data point, and
                        // two
                        // exporters would double the load on a database someone else sized.
                        .withReplicas(1)
                        .withNewSelector()
                        .withMatchLabels(selector)
                        .endSelector()
                        .withTemplate(
                                PodTemplatePassthrough.apply(
                                        podTemplate(database),
                                        database.getSpec().getPodTemplate(),
                                        selector))
                        .endSpec()
                        .build();
        MonitoringPasswordRotation.annotate(
                database, deployment.getSpec().getTemplate(), credentialsRevision);
        return deployment;
    }

    /** The labels selecting the exporter pods, for the Deployment and the metrics Service. */
    static Map<String, String> selector(MonitoredDatabase database) {
        return StandardLabels.selector(database, StandardLabels.COMPONENT_METRICS);
    }

    private static PodTemplateSpec podTemplate(MonitoredDatabase database) {
        String credentials = database.getSpec().getExternal().getCredentialsSecretName();
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(StandardLabels.forObject(database, StandardLabels.COMPONENT_METRICS))
                .endMetadata()
                .withNewSpec()
                // The exporter talks to the database only, never to the Kubernetes API: its own
                // account, without rights, and no token in the pod.
                .withServiceAccountName(ResourceNames.serviceAccount(database))
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(
                        RestrictedPodSecurity.pod(EXPORTER_UID, EXPORTER_UID, EXPORTER_UID))
                .withContainers(container(database, credentials))
                .withVolumes(volumes(database, credentials))
                .endSpec()
                .build();
    }

    private static Container container(MonitoredDatabase database, String credentials) {
        ExporterSpec exporter = database.getSpec().getExporter();
        ExternalSpec external = database.getSpec().getExternal();
        int port = DatabasePorts.exporterPort(database);
        return switch (database.getSpec().getEngine()) {
            case MongoDB ->
                    MongoExporterContainer.build(
                            exporter, port, ExternalExporterTargets.mongo(external), credentials);
            case PostgreSQL ->
                    PostgresExporterContainer.build(
                            exporter,
                            port,
                            ExternalExporterTargets.postgres(external),
                            PostgresExporterContainer.Credentials.deployment(credentials));
        };
    }

    private static List<Volume> volumes(MonitoredDatabase database, String credentials) {
        return switch (database.getSpec().getEngine()) {
            // percona's exporter takes its password from the environment only.
            case MongoDB -> List.of();
            case PostgreSQL ->
                    List.of(
                            PostgresExporterContainer.passwordVolume(
                                    PostgresExporterContainer.Credentials.deployment(credentials)));
        };
    }
}
