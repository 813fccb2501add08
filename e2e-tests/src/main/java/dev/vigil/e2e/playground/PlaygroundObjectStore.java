package dev.vigil.e2e.playground;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.cluster.LocalObjectStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What the playground's examples with {@code spec.backup} need and a user provides on a real
 * cluster: an S3-compatible store with a bucket, its keys and its CA. The playground runs the real
 * versitygw ({@link LocalObjectStore}), answered in the cluster as {@code
 * objectstore.storage.svc:443}, and writes Secrets {@value LocalObjectStore#CREDENTIALS_SECRET} and
 * {@value LocalObjectStore#CA_SECRET} in the examples' namespace.
 */
final class PlaygroundObjectStore {

    private PlaygroundObjectStore() {}

    /**
     * Starts the store when an example has {@code spec.backup}, tied to the cluster's life. When
     * versitygw cannot be had, says why and goes on: those examples then wait for their Secrets.
     */
    static void start(
            LocalCluster cluster,
            List<MonitoredDatabase> examples,
            String namespace,
            Path directory,
            PrintStream out) {
        List<String> backedUp =
                examples.stream()
                        .filter(database -> database.getSpec().getBackup() != null)
                        .map(database -> database.getMetadata().getName())
                        .toList();
        if (backedUp.isEmpty()) {
            return;
        }
        LocalObjectStore store;
        try {
            store = cluster.closeWith(LocalObjectStore.start(cluster.dns(), directory));
        } catch (RuntimeException e) {
            out.println(
                    "  "
                            + String.join(", ", backedUp)
                            + ": no object store for backups ("
                            + e.getMessage()
                            + ")");
            return;
        }
        store.createSecrets(cluster.client(), namespace);
        out.println(
                "  "
                        + String.join(", ", backedUp)
                        + ": backups go to bucket "
                        + LocalObjectStore.BUCKET
                        + " of a versitygw answered as "
                        + store.endpoint()
                        + " (its files: "
                        + store.bucketDirectory()
                        + "), Secrets "
                        + LocalObjectStore.CREDENTIALS_SECRET
                        + " and "
                        + LocalObjectStore.CA_SECRET);
    }
}
