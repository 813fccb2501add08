package dev.vigil.status;

import dev.vigil.api.v1alpha1.DatabaseEndpoints;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.DatabasePorts;
import java.util.List;

/**
 * How clients reach a database, for {@code status.endpoints}: stable Service names and member
 * addresses, and a connection string without credentials (they are in the Secrets).
 */
public final class DatabaseEndpointsBuilder {

    private DatabaseEndpointsBuilder() {}

    /** {@code host:port} of {@code service} of {@code database}, on the database's port. */
    public static String service(MonitoredDatabase database, String service, String clusterDomain) {
        return ResourceNames.serviceAddress(
                database, service, DatabasePorts.database(database), clusterDomain);
    }

    /** {@code endpoints} with the exporter's Service, when the exporter runs. */
    public static DatabaseEndpoints withMetrics(
            DatabaseEndpoints endpoints, MonitoredDatabase database, String clusterDomain) {
        if (database.getSpec().getExporter().getEnabled()) {
            endpoints.setMetrics(
                    ResourceNames.serviceAddress(
                            database,
                            ResourceNames.metricsService(database),
                            DatabasePorts.exporterPort(database),
                            clusterDomain));
        }
        return endpoints;
    }

    /**
     * The endpoints of a database Vigil only watches: where its exporter points; {@link
     * #withMetrics} adds the exporter.
     */
    public static DatabaseEndpoints external(MonitoredDatabase database) {
        DatabaseEndpoints endpoints = new DatabaseEndpoints();
        List<String> targets = database.getSpec().getExternal().getEndpoints();
        if (targets != null && !targets.isEmpty()) {
            endpoints.setMembers(String.join(",", targets));
        }
        return endpoints;
    }
}
