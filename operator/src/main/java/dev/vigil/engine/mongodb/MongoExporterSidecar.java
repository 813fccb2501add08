package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.model.CredentialKeys;
import dev.vigil.model.DatabasePorts;
import dev.vigil.model.ResourceNames;
import dev.vigil.model.RestrictedPodSecurity;
import dev.vigil.model.SecretEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.ArrayList;
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
        ExporterSpec exporter = database.getSpec().getExporter();
        return exporter != null && Boolean.TRUE.equals(exporter.getEnabled());
    }

    /** The sidecar container of {@code database} (already defaulted, exporter enabled). */
    public static Container container(MonitoredDatabase database) {
        ExporterSpec exporter = database.getSpec().getExporter();
        int port = DatabasePorts.exporterPort(database);
        String secret = ResourceNames.monitoringSecret(database);
        return new ContainerBuilder()
                .withName(CONTAINER_NAME)
                .withImage(exporter.getImage() != null ? exporter.getImage() : DEFAULT_IMAGE)
                .withArgs(args(exporter, port))
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
                .withResources(resources(exporter))
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    private static List<String> args(ExporterSpec exporter, int port) {
        List<String> args = new ArrayList<>();
        args.add("--mongodb.uri=" + URI);
        args.add("--web.listen-address=:" + port);
        args.add("--collect-all");
        if (exporter.getArgs() != null) {
            args.addAll(exporter.getArgs());
        }
        return args;
    }

    private static ResourceRequirements resources(ExporterSpec exporter) {
        if (exporter.getResources() != null) {
            return new ResourceRequirementsBuilder(exporter.getResources()).build();
        }
        // Enough for --collect-all on a small database; the limit keeps a runaway exporter from
        // starving the database next to it.
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("50m"))
                .addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("memory", new Quantity("256Mi"))
                .build();
    }
}
