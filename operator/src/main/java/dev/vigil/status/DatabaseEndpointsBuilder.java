package dev.vigil.status;

import dev.vigil.api.v1alpha1.DatabaseEndpoints;
import dev.vigil.api.v1alpha1.Engine;
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

    /**
     * The endpoints of a database Vigil runs.
     *
     * @param members {@code host:port} of every member
     */
    public static DatabaseEndpoints managed(
            MonitoredDatabase database, List<String> members, String clusterDomain) {
        DatabaseEndpoints endpoints = new DatabaseEndpoints();
        int port = DatabasePorts.database(database);
        endpoints.setMembers(String.join(",", members));
        if (database.getSpec().getEngine() == Engine.PostgreSQL) {
            String readWrite =
                    ResourceNames.serviceAddress(
                            database,
                            ResourceNames.readWriteService(database),
                            port,
                            clusterDomain);
            endpoints.setReadWrite(readWrite);
            endpoints.setReadOnly(
                    ResourceNames.serviceAddress(
                            database,
                            ResourceNames.readOnlyService(database),
                            port,
                            clusterDomain));
            endpoints.setConnectionString("postgresql://" + readWrite + "/postgres");
        } else {
            endpoints.setReadWrite(
                    ResourceNames.serviceAddress(
                            database, ResourceNames.clientService(database), port, clusterDomain));
            endpoints.setConnectionString(
                    "mongodb://"
                            + String.join(",", members)
                            + "/?replicaSet="
                            + database.getSpec().getMongodb().getReplicaSetName());
        }
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

    /** The endpoints of a database Vigil only watches: its exporter, and where it points. */
    public static DatabaseEndpoints external(MonitoredDatabase database, String metrics) {
        DatabaseEndpoints endpoints = new DatabaseEndpoints();
        endpoints.setMetrics(metrics);
        List<String> targets = database.getSpec().getExternal().getEndpoints();
        if (targets != null && !targets.isEmpty()) {
            endpoints.setMembers(String.join(",", targets));
        }
        return endpoints;
    }
}
