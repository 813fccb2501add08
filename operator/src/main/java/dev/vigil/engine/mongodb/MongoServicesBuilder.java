package dev.vigil.engine.mongodb;

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
 * Builds the Services of a MongoDB database: the headless members Service behind the members'
 * stable DNS names, the client Service, and the exporter's metrics Service when the exporter runs.
 * All of them select the database pods.
 */
public final class MongoServicesBuilder {

    /** Name of the MongoDB port, on the Services and the mongod container. */
    public static final String MONGODB_PORT_NAME = "mongodb";

    /** Name of the exporter's port, on the metrics Service and the exporter container. */
    public static final String METRICS_PORT_NAME = ExporterContainers.METRICS_PORT_NAME;

    private MongoServicesBuilder() {}

    /** The members, client and (exporter on) metrics Services, in that order. */
    public static List<Service> build(MonitoredDatabase database) {
        List<Service> services = new ArrayList<>();
        services.add(members(database));
        services.add(client(database));
        if (MongoExporterSidecar.enabled(database)) {
            services.add(metrics(database));
        }
        return services;
    }

    private static Service members(MonitoredDatabase database) {
        return MembersService.build(database, MONGODB_PORT_NAME, DatabasePorts.MONGODB);
    }

    private static Service client(MonitoredDatabase database) {
        return new ServiceBuilder()
                .withMetadata(
                        OwnedMetadata.of(
                                database,
                                ResourceNames.clientService(database),
                                StandardLabels.COMPONENT_DATABASE))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(databasePods(database))
                .withPorts(ServicePorts.tcp(MONGODB_PORT_NAME, DatabasePorts.MONGODB))
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
