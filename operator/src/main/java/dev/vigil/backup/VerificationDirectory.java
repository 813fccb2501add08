package dev.vigil.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The directory the restore and the verifier of a verification pod share (an emptyDir, mounted in
 * the restore init container, the postgres container and the verifier): the restore writes when it
 * began, for the verifier to measure the RTO from, and the {@code pg_hba.conf} the restored server
 * runs with. That file admits local connections only and without a password, so the verification
 * needs none of the database's secrets; the server listens on the pod's loopback address only.
 */
public final class VerificationDirectory {

    /** {@code pg_hba.conf} of the restored server: the Unix socket and loopback, nothing else. */
    public static final String HBA =
            String.join(
                    "\n",
                    "# Written by vigil backup restore --verification-dir: a throwaway server",
                    "# restored to be checked, reachable from inside its pod only.",
                    "local all all trust",
                    "host all all 127.0.0.1/32 trust",
                    "host all all ::1/128 trust",
                    "");

    static final String STARTED_FILE = "restore-started";
    static final String HBA_FILE = "pg_hba.conf";
    static final String BACKUP_ENDED_FILE = "backup-ended";

    private final Path directory;

    public VerificationDirectory(Path directory) {
        this.directory = directory;
    }

    /** Where the restored server's {@code pg_hba.conf} is written. */
    public Path hbaFile() {
        return directory.resolve(HBA_FILE);
    }

    /** Records that the restore starts at {@code at}. */
    public void restoreStarted(Instant at) {
        write(directory.resolve(STARTED_FILE), at.toString() + "\n");
    }

    /** Records that the backup restored ended at {@code at}: its data are at least that recent. */
    public void backupEnded(Instant at) {
        write(directory.resolve(BACKUP_ENDED_FILE), at.toString() + "\n");
    }

    /** When the backup restored ended, if the restore recorded it. */
    public Optional<Instant> backupEndedAt() {
        return readInstant(directory.resolve(BACKUP_ENDED_FILE));
    }

    /** Writes the {@code pg_hba.conf} of the restored server. */
    public void writeHba() {
        write(hbaFile(), HBA);
    }

    /** When the restore started, if it recorded it. */
    public Optional<Instant> restoreStartedAt() {
        return readInstant(directory.resolve(STARTED_FILE));
    }

    private static Optional<Instant> readInstant(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    Instant.parse(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
