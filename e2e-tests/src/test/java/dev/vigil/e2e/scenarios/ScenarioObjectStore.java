package dev.vigil.e2e.scenarios;

import dev.vigil.e2e.cluster.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The local cluster's object store for a backup scenario: started for the scenario (stopped with
 * its cluster), its Secrets in the scenario's namespace, and the manifests that name it.
 */
final class ScenarioObjectStore {

    private ScenarioObjectStore() {}

    /** Starts a store for {@code scenario} and writes its key and CA Secrets there. */
    static LocalObjectStore start(Scenario scenario) throws IOException {
        LocalObjectStore store =
                scenario.local()
                        .closeWith(
                                LocalObjectStore.start(
                                        scenario.local().dns(),
                                        Files.createTempDirectory(
                                                scenario.local().options().workDirectory(),
                                                "object-store-")));
        store.createSecrets(scenario.client(), scenario.namespace());
        return store;
    }

    /** {@code store} as a YAML flow mapping: a {@code spec.backup.store} and the like. */
    static String storeYaml(LocalObjectStore store) {
        return ("{s3: {endpoint: %s, bucket: %s, prefix: vigil,"
                        + " accessKeyId: {name: %s, key: access-key-id},"
                        + " secretAccessKey: {name: %s, key: secret-access-key},"
                        + " ca: {name: %s, key: ca.crt}}}")
                .formatted(
                        store.endpoint(),
                        LocalObjectStore.BUCKET,
                        LocalObjectStore.CREDENTIALS_SECRET,
                        LocalObjectStore.CREDENTIALS_SECRET,
                        LocalObjectStore.CA_SECRET);
    }

    /**
     * A PostgreSQL 16 database of {@code replicas} members backed up into {@code store} every
     * minute, the 2 newest backups kept.
     */
    static String backedUpDatabase(String name, int replicas, LocalObjectStore store) {
        return """
        apiVersion: vigil.dev/v1alpha1
        kind: MonitoredDatabase
        metadata:
          name: %s
        spec:
          engine: PostgreSQL
          version: "16.4"
          replicas: %d
          storage:
            size: 1Gi
          backup:
            schedule: "* * * * *"
            retention:
              count: 2
            store: %s
        """
                .formatted(name, replicas, storeYaml(store));
    }
}
