package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.DatabaseServices;
import dev.vigil.resources.DatabaseServices.ClientService;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;

/**
 * Builds the Services of a MongoDB database: the headless members Service behind the members'
 * stable DNS names, the client Service, and the exporter's metrics Service when the exporter runs.
 * All of them select the database pods; {@link DatabaseServices} has their shared shape.
 */
public final class MongoServicesBuilder {

    /** Name of the MongoDB port, on the Services and the mongod container. */
    public static final String MONGODB_PORT_NAME = "mongodb";

    private MongoServicesBuilder() {}

    /** The members, client and (exporter on) metrics Services, in that order. */
    public static List<Service> build(MonitoredDatabase database) {
        return DatabaseServices.build(
                database, MONGODB_PORT_NAME, DatabasePorts.MONGODB, List.of(client(database)));
    }

    private static ClientService client(MonitoredDatabase database) {
        return new ClientService(
                ResourceNames.clientService(database), DatabaseServices.databasePods(database));
    }
}
