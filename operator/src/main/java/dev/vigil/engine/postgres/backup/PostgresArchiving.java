package dev.vigil.engine.postgres.backup;

import dev.vigil.api.v1alpha1.BackupSpec;
import java.util.List;

/**
 * The server settings that hand each finished WAL segment to pgBackRest, as {@code -c} arguments of
 * the postgres container (the command line wins over the configuration file, and a change rolls the
 * members like any pod template change).
 */
public final class PostgresArchiving {

    /**
     * With continuous archiving, a segment is switched and archived at least this often: the bound
     * on the committed writes a lost primary can take with it (the RPO, docs/backup.md).
     */
    public static final String ARCHIVE_TIMEOUT = "30s";

    private PostgresArchiving() {}

    /** Whether {@code spec.backup.archiving} is on (the default). */
    public static boolean continuous(BackupSpec backup) {
        return backup.getArchiving() == null || backup.getArchiving();
    }

    /** The {@code -c name=value} arguments for the server. */
    public static List<String> serverArguments(BackupSpec backup) {
        // pgBackRest needs the archive for every backup (the WAL that makes it consistent); the
        // timeout is what makes archiving continuous.
        return List.of(
                "-c",
                "archive_mode=on",
                "-c",
                "archive_command=" + BackupPaths.PGBACKREST + " archive-push %p",
                "-c",
                "archive_timeout=" + (continuous(backup) ? ARCHIVE_TIMEOUT : "0"));
    }
}
