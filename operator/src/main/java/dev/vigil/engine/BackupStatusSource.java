package dev.vigil.engine;

import dev.vigil.api.v1alpha1.BackupStatus;
import java.util.Optional;

/** Where an engine's backups report what they last did, for {@code status.backup}. */
public interface BackupStatusSource {

    /**
     * What the backups of {@code pass}'s database report now; empty when nothing can be read this
     * pass (the last report then stands).
     */
    Optional<BackupStatus> read(PassContext pass);
}
