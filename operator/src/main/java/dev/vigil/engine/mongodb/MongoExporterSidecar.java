package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.model.CredentialKeys;
import dev.vigil.model.DatabasePorts;
import dev.vigil.model.ExporterSettings;
import dev.vigil.model.ResourceNames;
import dev.vigil.model.RestrictedPodSecurity;
import dev.vigil.model.SecretEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/**
 * The percona mongodb_exporter sidecar of each MongoDB member. It connects to its own member only
 * ({@code directConnection}), as the least-privilege monitoring user whose name and password reach
 * it only through environment variables from the monitoring Secret, never inside the URI, where
 * they would show in the process list and in the exporter's error messages.
 */
public final class MongoExporterSidecar {

    /** Name of the sidecar container. */
    public static final String CONTAINER_NAME = "exporter";

    /** The exporter image when {@code spec.exporter.image} is unset. */
    public static final String DEFAULT_IMAGE = "percona/mongodb_exporter:0.47.1";

    static final String URI =
            "mongodb://127.0.0.1:" + DatabasePorts.MONGODB + "/admin?directConnection=true";

    private MongoExporterSidecar() {}

    /** Whether {@code database} (already defaulted) runs the exporter. */
    public static boolean enabled(MonitoredDatabase database) {
        return ExporterSettings.enabled(database);
    }

    /** The sidecar container of {@code database} (already defaulted, exporter enabled). */
    public static Container container(MonitoredDatabase database) {
        int port = DatabasePorts.exporterPort(database);
        String secret = ResourceNames.monitoringSecret(database);
        return new ContainerBuilder()
                .withName(CONTAINER_NAME)
                .withImage(ExporterSettings.image(database, DEFAULT_IMAGE))
                .withArgs(
                        ExporterSettings.args(
                                database,
                                List.of(
                                        "--mongodb.uri=" + URI,
                                        "--web.listen-address=:" + port,
                                        "--collect-all")))
                .withEnv(
                        SecretEnv.of("MONGODB_USER", secret, CredentialKeys.USERNAME),
                        SecretEnv.of("MONGODB_PASSWORD", secret, CredentialKeys.PASSWORD))
                .addNewPort()
                .withName(MongoServicesBuilder.METRICS_PORT_NAME)
                .withContainerPort(port)
                .withProtocol("TCP")
                .endPort()
                .withNewReadinessProbe()
                .withNewTcpSocket()
                .withPort(new IntOrString(MongoServicesBuilder.METRICS_PORT_NAME))
                .endTcpSocket()
                .withPeriodSeconds(10)
                .withTimeoutSeconds(5)
                .withFailureThreshold(3)
                .endReadinessProbe()
                .withResources(ExporterSettings.resources(database))
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }
}
