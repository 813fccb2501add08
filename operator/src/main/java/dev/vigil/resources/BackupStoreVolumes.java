package dev.vigil.resources;

import dev.vigil.api.v1alpha1.BackupStore;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pod needs to reach a backup store, whatever the engine: the Secret key holding an S3
 * store's private CA, or the PersistentVolumeClaim of a volume store.
 */
public final class BackupStoreVolumes {

    // The CA is a public certificate; readable by the pod's group like the other mounted files.
    private static final int GROUP_READABLE = 0440;

    private BackupStoreVolumes() {}

    /**
     * The volumes of {@code store}: its CA as {@code caVolume}, or its claim as {@code
     * claimVolume}; none for an S3 store with the system's CAs.
     */
    public static List<Volume> of(BackupStore store, String caVolume, String claimVolume) {
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

    /**
     * The mounts of the volumes {@link #of} gives: the CA read-only at {@code caDir}, the claim at
     * {@code claimDir}, writable unless {@code readOnly}.
     */
    public static List<VolumeMount> mounts(
            BackupStore store,
            String caVolume,
            String caDir,
            String claimVolume,
            String claimDir,
            boolean readOnly) {
        List<VolumeMount> mounts = new ArrayList<>();
        if (store.getS3() != null && store.getS3().getCa() != null) {
            mounts.add(VolumeMounts.of(caVolume, caDir, true));
        }
        if (store.getVolume() != null) {
            mounts.add(VolumeMounts.of(claimVolume, claimDir, readOnly));
        }
        return mounts;
    }
}
