package dev.vigil.resources;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/**
 * The ServiceAccount {@code <name>} a database's pods run as: the members of a Managed database,
 * the exporter of an External one. It exists so those pods do not share the namespace's {@code
 * default} account, which other workloads may have been granted rights to. Vigil binds no role to
 * it, and neither the account nor the pods mount its token: the pods never call the API server.
 */
public final class DatabaseServiceAccount {

    private DatabaseServiceAccount() {}

    /**
     * The ServiceAccount of {@code database}, labelled as part of {@code component} (the component
     * of the pods that use it).
     */
    public static ServiceAccount build(MonitoredDatabase database, String component) {
        return new ServiceAccountBuilder()
                .withMetadata(
                        OwnedMetadata.of(
                                database, ResourceNames.serviceAccount(database), component))
                .withAutomountServiceAccountToken(false)
                .build();
    }
}
