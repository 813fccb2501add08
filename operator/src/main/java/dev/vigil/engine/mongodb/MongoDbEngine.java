package dev.vigil.engine.mongodb;

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
import dev.vigil.rollout.DataCompatibility;
import dev.vigil.rollout.analysis.EngineAnalyses;
import dev.vigil.status.DatabaseEndpointsBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A MongoDB replica set that Vigil runs: a StatefulSet of {@code mongod} members with the exporter
 * as their sidecar, one client Service, a key file for the members, and a
 * featureCompatibilityVersion raised only after an upgrade has proved itself.
 */
public final class MongoDbEngine extends ManagedEngine {

    /** The one instance: the engine holds no state. */
    public static final MongoDbEngine INSTANCE = new MongoDbEngine();

    private MongoDbEngine() {
        super(
                MongoResourcesBuilder::build,
                Stream.of(MongoDbAlerts.ALL, BackupAlerts.SCHEDULED, BackupAlerts.VERIFICATION)
                        .flatMap(List::stream)
                        .toList(),
                "dev/vigil/engine/mongodb/dashboard.json",
                MongoDbAlerts.INDICATORS);
    }

    /** The administrator's and monitoring user's Secrets, and the members' key file. */
    @Override
    public List<SecretReference> secrets(MonitoredDatabase defaulted) {
        List<SecretReference> secrets = new ArrayList<>(ManagedSecrets.of(defaulted));
        secrets.add(
                SecretReference.credentials(
                        Role.KEYFILE, ResourceNames.keyfileSecret(defaulted), Optional.empty()));
        return secrets;
    }

    /** Every member, the client Service, and a replica-set connection string. */
    @Override
    public DatabaseEndpoints endpoints(MonitoredDatabase defaulted, String clusterDomain) {
        List<String> members = members(defaulted, clusterDomain);
        DatabaseEndpoints endpoints = new DatabaseEndpoints();
        endpoints.setMembers(String.join(",", members));
        endpoints.setReadWrite(
                DatabaseEndpointsBuilder.service(
                        defaulted, ResourceNames.clientService(defaulted), clusterDomain));
        endpoints.setConnectionString(
                "mongodb://"
                        + String.join(",", members)
                        + "/?replicaSet="
                        + defaulted.getSpec().getMongodb().getReplicaSetName());
        return DatabaseEndpointsBuilder.withMetrics(endpoints, defaulted, clusterDomain);
    }

    @Override
    public List<String> clientServices(MonitoredDatabase defaulted) {
        return List.of(ResourceNames.clientService(defaulted));
    }

    /** Members verify each other's certificates against the CA. */
    @Override
    public boolean tlsNeedsCa() {
        return true;
    }

    @Override
    public Optional<DataCompatibility> dataCompatibility() {
        return Optional.of(FeatureCompatibility.MONGODB);
    }

    @Override
    public Optional<EngineAnalyses> analyses() {
        return Optional.of(MongoAnalyses.INSTANCE);
    }

    @Override
    public EngineStep step(DatabaseClients clients, Clock clock) {
        return new MongoReplicaSetStep(clients.mongo());
    }
}
