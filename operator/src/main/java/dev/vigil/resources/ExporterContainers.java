package dev.vigil.resources;

import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * What every exporter container Vigil runs has in common, whatever the engine and whether it is a
 * sidecar (Managed) or its own Deployment (External), all taken from {@code spec.exporter} (already
 * defaulted): its name, image, metrics port, readiness probe, resources, restricted security
 * context, and the user's arguments after Vigil's. Each engine adds how it reaches the database.
 */
public final class ExporterContainers {

    /** Name of the exporter container. */
    public static final String CONTAINER_NAME = "exporter";

    /** Name of the exporter's port, on its container and on the metrics Service. */
    public static final String METRICS_PORT_NAME = "metrics";

    private ExporterContainers() {}

    /** Whether {@code database} (already defaulted) runs the exporter. */
    public static boolean enabled(MonitoredDatabase database) {
        ExporterSpec exporter = database.getSpec().getExporter();
        return exporter != null && Boolean.TRUE.equals(exporter.getEnabled());
    }

    /**
     * A builder of the exporter container with everything but its arguments, environment and
     * mounts.
     *
     * @param exporter {@code spec.exporter}, defaulted
     * @param defaultImage the engine's tested exporter image, used when {@code spec.exporter.image}
     *     is unset
     * @param port the metrics port the exporter listens on
     */
    public static ContainerBuilder base(ExporterSpec exporter, String defaultImage, int port) {
        return new ContainerBuilder()
                .withName(CONTAINER_NAME)
                .withImage(image(exporter, defaultImage))
                .addNewPort()
                .withName(METRICS_PORT_NAME)
                .withContainerPort(port)
                .withProtocol("TCP")
                .endPort()
                .withNewReadinessProbe()
                .withNewTcpSocket()
                .withPort(new IntOrString(METRICS_PORT_NAME))
                .endTcpSocket()
                .withPeriodSeconds(10)
                .withTimeoutSeconds(5)
                .withFailureThreshold(3)
                .endReadinessProbe()
                .withResources(resources(exporter))
                .withSecurityContext(RestrictedPodSecurity.container());
    }

    /** {@code spec.exporter.image}, or the engine's tested {@code defaultImage} when unset. */
    public static String image(ExporterSpec exporter, String defaultImage) {
        return exporter.getImage() != null ? exporter.getImage() : defaultImage;
    }

    /**
     * Vigil's own arguments, then {@code spec.exporter.args}, so the user's come last and can
     * override Vigil's.
     */
    public static List<String> args(ExporterSpec exporter, List<String> vigilArgs) {
        List<String> args = new ArrayList<>(vigilArgs);
        if (exporter.getArgs() != null) {
            args.addAll(exporter.getArgs());
        }
        return args;
    }

    /** {@code spec.exporter.resources}, or small defaults when unset. */
    public static ResourceRequirements resources(ExporterSpec exporter) {
        if (exporter.getResources() != null) {
            return new ResourceRequirementsBuilder(exporter.getResources()).build();
        }
        // Enough for every collector on a small database; the limit keeps a runaway exporter from
        // starving what runs next to it.
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("50m"))
                .addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("memory", new Quantity("256Mi"))
                .build();
    }
}
