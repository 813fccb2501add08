package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.ExporterContainers;
import dev.vigil.resources.MembersService;
import dev.vigil.resources.MetricsService;
import dev.vigil.resources.ServicePorts;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the Services of a PostgreSQL database:
 *
 * <ul>
 *   <li>{@code <name>-members}, headless, behind the members' stable DNS names;
 *   <li>{@code <name>-rw}, selecting only the primary's pod by its StatefulSet pod-name label, so
 *       writes and the standbys' replication go to the primary and follow it when Vigil moves it;
 *   <li>{@code <name>-ro}, selecting the pods Vigil labelled {@code vigil.dev/role: standby};
 *   <li>{@code <name>-metrics}, the exporter sidecars, when the exporter runs.
 * </ul>
 */
public final class PostgresServicesBuilder {

    /** Name of the PostgreSQL port, on the Services and the postgres container. */
    public static final String POSTGRESQL_PORT_NAME = "postgresql";

    /** Name of the exporter's port, on the metrics Service and the exporter container. */
    public static final String METRICS_PORT_NAME = ExporterContainers.METRICS_PORT_NAME;

    private PostgresServicesBuilder() {}

    /**
     * The members, read-write, read-only and (exporter on) metrics Services, in that order.
     *
     * @param primaryOrdinal the member that is the primary
     */
    public static List<Service> build(MonitoredDatabase database, int primaryOrdinal) {
        List<Service> services = new ArrayList<>();
        services.add(members(database));
        services.add(readWrite(database, primaryOrdinal));
        services.add(readOnly(database));
        if (PostgresExporterSidecar.enabled(database)) {
            services.add(metrics(database));
        }
        return services;
    }

    private static Service members(MonitoredDatabase database) {
        return MembersService.build(database, POSTGRESQL_PORT_NAME, DatabasePorts.POSTGRESQL);
    }

    private static Service readWrite(MonitoredDatabase database, int primaryOrdinal) {
        Map<String, String> selector = databasePods(database);
        selector.put(
                StandardLabels.STATEFULSET_POD_NAME,
                ResourceNames.memberPod(database, primaryOrdinal));
        return clientService(database, ResourceNames.readWriteService(database), selector);
    }

    private static Service readOnly(MonitoredDatabase database) {
        Map<String, String> selector = databasePods(database);
        selector.put(StandardLabels.ROLE, StandardLabels.ROLE_STANDBY);
        return clientService(database, ResourceNames.readOnlyService(database), selector);
    }

    private static Service clientService(
            MonitoredDatabase database, String name, Map<String, String> selector) {
        return new ServiceBuilder()
                .withMetadata(OwnedMetadata.of(database, name, StandardLabels.COMPONENT_DATABASE))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selector)
                .withPorts(ServicePorts.tcp(POSTGRESQL_PORT_NAME, DatabasePorts.POSTGRESQL))
                .endSpec()
                .build();
    }

    private static Service metrics(MonitoredDatabase database) {
        // The exporter is a sidecar: its endpoints are the database pods.
        return MetricsService.build(database, databasePods(database));
    }

    private static Map<String, String> databasePods(MonitoredDatabase database) {
        return StandardLabels.selector(database, StandardLabels.COMPONENT_DATABASE);
    }
}
