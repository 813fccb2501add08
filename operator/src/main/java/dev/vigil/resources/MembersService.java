package dev.vigil.resources;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/**
 * The headless Service {@code <name>-members} that gives every member of a Managed database a
 * stable DNS name ({@code <pod>.<name>-members.<namespace>.svc}), for either engine.
 */
public final class MembersService {

    private MembersService() {}

    /**
     * @param portName the database port's name
     * @param port the database port
     */
    public static Service build(MonitoredDatabase database, String portName, int port) {
        return new ServiceBuilder()
                .withMetadata(
                        OwnedMetadata.of(
                                database,
                                ResourceNames.membersService(database),
                                StandardLabels.COMPONENT_DATABASE))
                .withNewSpec()
                .withClusterIP("None")
                // Members must resolve each other, and Vigil must reach them, also while they are
                // not ready: a MongoDB member is ready only once the replica set it forms with
                // the others exists, and a lost PostgreSQL primary's standby must be reachable
                // to be promoted.
                .withPublishNotReadyAddresses(true)
                .withSelector(StandardLabels.selector(database, StandardLabels.COMPONENT_DATABASE))
                .withPorts(ServicePorts.tcp(portName, port))
                .endSpec()
                .build();
    }
}
