package dev.vigil.backup;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@code pgbackrest info --output=json} says of one stanza: its backups, oldest first, and the
 * WAL range its archive holds.
 *
 * @param backups the backup sets, oldest first
 * @param archiveId the archive's id, e.g. {@code 15-1} (null when nothing was archived)
 * @param archiveMin the oldest archived WAL segment's name (null when none)
 * @param archiveMax the newest archived WAL segment's name (null when none)
 */
public record BackupInfo(
        List<Backup> backups, String archiveId, String archiveMin, String archiveMax) {

    public BackupInfo {
        backups = List.copyOf(backups);
    }

    /**
     * One backup set.
     *
     * @param label e.g. {@code 20261205-181200F}
     * @param type {@code full}, {@code diff} or {@code incr}
     * @param start when it started
     * @param stop when it ended: the earliest time it can restore to
     * @param sizeBytes the database's size it holds ({@code info.size})
     * @param repositorySizeBytes what it takes in the repository, compressed ({@code
     *     info.repository.size})
     * @param walStart the first WAL segment it needs
     * @param walStop the last WAL segment it needs to be consistent
     */
    public record Backup(
            String label,
            String type,
            Instant start,
            Instant stop,
            long sizeBytes,
            long repositorySizeBytes,
            String walStart,
            String walStop) {}

    /** The newest backup set, if any. */
    public Optional<Backup> newest() {
        return backups.stream().max(Comparator.comparing(Backup::stop));
    }

    /** The earliest time a restore can reach: the end of the oldest backup. */
    public Optional<Instant> recoverableFrom() {
        return backups.stream().map(Backup::stop).min(Comparator.naturalOrder());
    }
}
