package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.DatabaseServices;
import dev.vigil.resources.DatabaseServices.ClientService;
import io.fabric8.kubernetes.api.model.Service;
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
 *
 * <p>{@link DatabaseServices} has the shape they share with MongoDB's.
 */
public final class PostgresServicesBuilder {

    /** Name of the PostgreSQL port, on the Services and the postgres container. */
    public static final String POSTGRESQL_PORT_NAME = "postgresql";

    private PostgresServicesBuilder() {}

    /**
     * The members, read-write, read-only and (exporter on) metrics Services, in that order.
     *
     * @param primaryOrdinal the member that is the primary
     */
    public static List<Service> build(MonitoredDatabase database, int primaryOrdinal) {
        return DatabaseServices.build(
                database,
                POSTGRESQL_PORT_NAME,
                DatabasePorts.POSTGRESQL,
                List.of(readWrite(database, primaryOrdinal), readOnly(database)));
    }

    /** The read-write Service alone, selecting member {@code primaryOrdinal}. */
    public static Service readWriteService(MonitoredDatabase database, int primaryOrdinal) {
        String name = ResourceNames.readWriteService(database);
        return build(database, primaryOrdinal).stream()
                .filter(s -> s.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static ClientService readWrite(MonitoredDatabase database, int primaryOrdinal) {
        Map<String, String> selector = DatabaseServices.databasePods(database);
        selector.put(
                StandardLabels.STATEFULSET_POD_NAME,
                ResourceNames.memberPod(database, primaryOrdinal));
        return new ClientService(ResourceNames.readWriteService(database), selector);
    }

    private static ClientService readOnly(MonitoredDatabase database) {
        Map<String, String> selector = DatabaseServices.databasePods(database);
        selector.put(StandardLabels.ROLE, StandardLabels.ROLE_STANDBY);
        return new ClientService(ResourceNames.readOnlyService(database), selector);
    }
}
