package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.CredentialsSpec;
import dev.vigil.api.v1alpha1.DatabaseEndpoints;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.EngineStep;
import dev.vigil.engine.ManagedEngine;
import dev.vigil.engine.ManagedSecrets;
import dev.vigil.engine.SecretReference;
import dev.vigil.engine.SecretReferences.Role;
import dev.vigil.monitoring.BackupAlerts;
import dev.vigil.names.ResourceNames;
import dev.vigil.rollout.analysis.EngineAnalyses;
import dev.vigil.status.DatabaseEndpointsBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary with streaming standbys that Vigil runs: a StatefulSet with the exporter as
 * the members' sidecar, a read-write Service on the primary and a read-only one on the standbys,
 * and a replication user.
 */
public final class PostgresEngine extends ManagedEngine {

    /** The one instance: the engine holds no state. */
    public static final PostgresEngine INSTANCE = new PostgresEngine();

    private PostgresEngine() {
        super(
                PostgresResourcesBuilder::build,
                Stream.of(
                                PostgresAlerts.ALL,
                                BackupAlerts.SCHEDULED,
                                BackupAlerts.WAL_ARCHIVING,
                                BackupAlerts.VERIFICATION)
                        .flatMap(List::stream)
                        .toList(),
                "dev/vigil/engine/postgres/dashboard.json",
                PostgresAlerts.INDICATORS);
    }

    @Override
    public Optional<EngineAnalyses> analyses() {
        return Optional.of(PostgresAnalyses.INSTANCE);
    }

    /** The superuser's and monitoring user's Secrets, and the standbys' replication user's. */
    @Override
    public List<SecretReference> secrets(MonitoredDatabase defaulted) {
        List<SecretReference> secrets = new ArrayList<>(ManagedSecrets.of(defaulted));
        secrets.add(
                ManagedSecrets.given(
                        defaulted,
                        Role.REPLICATION,
                        ResourceNames.replicationSecret(defaulted),
                        CredentialsSpec::getReplicationSecretName,
                        "replicationSecretName"));
        return secrets;
    }

    /** Every member, the read-write and read-only Services, and a connection string. */
    @Override
    public DatabaseEndpoints endpoints(MonitoredDatabase defaulted, String clusterDomain) {
        DatabaseEndpoints endpoints = new DatabaseEndpoints();
        endpoints.setMembers(String.join(",", members(defaulted, clusterDomain)));
        String readWrite =
                DatabaseEndpointsBuilder.service(
                        defaulted, ResourceNames.readWriteService(defaulted), clusterDomain);
        endpoints.setReadWrite(readWrite);
        endpoints.setReadOnly(
                DatabaseEndpointsBuilder.service(
                        defaulted, ResourceNames.readOnlyService(defaulted), clusterDomain));
        endpoints.setConnectionString("postgresql://" + readWrite + "/postgres");
        return DatabaseEndpointsBuilder.withMetrics(endpoints, defaulted, clusterDomain);
    }

    @Override
    public List<String> clientServices(MonitoredDatabase defaulted) {
        return List.of(
                ResourceNames.readWriteService(defaulted),
                ResourceNames.readOnlyService(defaulted));
    }

    @Override
    public EngineStep step(DatabaseClients clients, Clock clock) {
        return new PostgresClusterStep(clients.postgres(), clock);
    }
}
