package dev.vigil.engine.postgres.backup;

import dev.vigil.api.v1alpha1.BackupStore;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.resources.RestrictedPodSecurity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The pod volumes backups add: the tools, and the store's CA or claim; and those a restore adds:
 * the source store's CA or claim.
 */
public final class BackupVolumes {

    // The CA is a public certificate; readable by the pod's group like the other mounted files.
    private static final int GROUP_READABLE = 0440;

    private BackupVolumes() {}

    /** The volumes of {@code spec.backup}: the tools, and its store's CA or claim. */
    public static List<Volume> of(MonitoredDatabase database) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(tools());
        volumes.addAll(
                store(
                        database.getSpec().getBackup().getStore(),
                        BackupPaths.CA_VOLUME,
                        BackupPaths.REPOSITORY_VOLUME));
        return volumes;
    }

    /** The emptyDir the tools init container fills. */
    public static Volume tools() {
        return RestrictedPodSecurity.scratchVolume(BackupPaths.TOOLS_VOLUME);
    }

    /** The volumes of {@code spec.bootstrap.backup.store}: its CA or claim, if any. */
    public static List<Volume> source(MonitoredDatabase database) {
        return store(
                database.getSpec().getBootstrap().getBackup().getStore(),
                BackupPaths.SOURCE_CA_VOLUME,
                BackupPaths.SOURCE_REPOSITORY_VOLUME);
    }

    private static List<Volume> store(BackupStore store, String caVolume, String claimVolume) {
        List<Volume> volumes = new ArrayList<>();
        if (store.getS3() != null && store.getS3().getCa() != null) {
            volumes.add(
                    new VolumeBuilder()
                            .withName(caVolume)
                            .withNewSecret()
                            .withSecretName(store.getS3().getCa().getName())
                            .addNewItem()
                            .withKey(store.getS3().getCa().getKey())
                            .withPath(store.getS3().getCa().getKey())
                            .endItem()
                            .withDefaultMode(GROUP_READABLE)
                            .endSecret()
                            .build());
        }
        if (store.getVolume() != null) {
            volumes.add(
                    new VolumeBuilder()
                            .withName(claimVolume)
                            .withNewPersistentVolumeClaim()
                            .withClaimName(store.getVolume().getClaimName())
                            .endPersistentVolumeClaim()
                            .build());
        }
        return volumes;
    }
}
