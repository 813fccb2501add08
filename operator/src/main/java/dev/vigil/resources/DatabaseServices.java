package dev.vigil.resources;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Services every engine's Managed members share, in the order they are applied: the headless
 * {@link MembersService members Service}, then the engine's Services for clients, then the {@link
 * MetricsService metrics Service} when the exporter runs. The engine says which clients' Services
 * it has and which of its pods each selects.
 */
public final class DatabaseServices {

    /**
     * A ClusterIP Service for clients, on the database port.
     *
     * @param name the Service's name
     * @param selector the labels selecting its pods: {@link #databasePods}, or a narrower set
     */
    public record ClientService(String name, Map<String, String> selector) {}

    private DatabaseServices() {}

    /**
     * The members Service, one Service per {@code clients}, and (exporter on) the metrics Service.
     *
     * @param portName the database port's name, on the Services and the database container
     * @param port the database port
     * @param clients the engine's Services for clients, in order
     */
    public static List<Service> build(
            MonitoredDatabase database, String portName, int port, List<ClientService> clients) {
        List<Service> services = new ArrayList<>();
        services.add(MembersService.build(database, portName, port));
        for (ClientService client : clients) {
            services.add(client(database, client, portName, port));
        }
        if (ExporterContainers.enabled(database)) {
            // The exporter is a sidecar: its endpoints are the database pods.
            services.add(MetricsService.build(database, databasePods(database)));
        }
        return services;
    }

    /** The labels selecting every pod of {@code database}, as a new map an engine may narrow. */
    public static Map<String, String> databasePods(MonitoredDatabase database) {
        return StandardLabels.selector(database, StandardLabels.COMPONENT_DATABASE);
    }

    private static Service client(
            MonitoredDatabase database, ClientService client, String portName, int port) {
        return new ServiceBuilder()
                .withMetadata(
                        OwnedMetadata.of(
                                database, client.name(), StandardLabels.COMPONENT_DATABASE))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(client.selector())
                .withPorts(ServicePorts.tcp(portName, port))
                .endSpec()
                .build();
    }
}
