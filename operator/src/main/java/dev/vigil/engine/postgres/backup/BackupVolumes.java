package dev.vigil.engine.postgres.backup;

import dev.vigil.api.v1alpha1.BackupStore;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.resources.RestrictedPodSecurity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.List;

/** The pod volumes backups add: the tools, and the store's CA or claim. */
public final class BackupVolumes {

    // The CA is a public certificate; readable by the pod's group like the other mounted files.
    private static final int GROUP_READABLE = 0440;

    private BackupVolumes() {}

    public static List<Volume> of(MonitoredDatabase database) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(RestrictedPodSecurity.scratchVolume(BackupPaths.TOOLS_VOLUME));
        BackupStore store = database.getSpec().getBackup().getStore();
        if (store.getS3() != null && store.getS3().getCa() != null) {
            volumes.add(
                    new VolumeBuilder()
                            .withName(BackupPaths.CA_VOLUME)
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
                            .withName(BackupPaths.REPOSITORY_VOLUME)
                            .withNewPersistentVolumeClaim()
                            .withClaimName(store.getVolume().getClaimName())
                            .endPersistentVolumeClaim()
                            .build());
        }
        return volumes;
    }
}
