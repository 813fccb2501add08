package dev.vigil.engine.postgres.backup;

import dev.vigil.api.v1alpha1.BackupStore;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.resources.BackupStoreVolumes;
import dev.vigil.resources.RestrictedPodSecurity;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/**
 * The pod volumes backups add: the tools, and the store's CA or claim; and those a restore adds:
 * the source store's CA or claim.
 */
public final class BackupVolumes {

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
        return BackupStoreVolumes.of(store, caVolume, claimVolume);
    }
}
