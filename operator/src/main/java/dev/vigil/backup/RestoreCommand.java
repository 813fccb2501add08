package dev.vigil.backup;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code vigil backup restore}: restores {@code PGBACKREST_PG1_PATH} from the repository, to a
 * point in time or to the end of the archive, before the server first starts. It never restores
 * over a data directory that holds anything (it says why and succeeds, so an init container lets
 * the server start on its own data), and it checks the target lies in the recoverable window before
 * touching anything: a target outside it, or a failed restore, ends with a one-line reason in the
 * termination log and exit code 1.
 */
public final class RestoreCommand {

    /** Nothing to do, or restored. */
    public static final int DONE = 0;

    /** Not restored: the reason is in the termination log. */
    public static final int FAILED = 1;

    private final PgBackRest pgBackRest;
    private final Path dataDirectory;
    private final Path tools;
    private final Path terminationLog;
    private final PrintWriter out;
    private VerificationDirectory verification;
    private Clock clock = Clock.systemUTC();

    /**
     * @param dataDirectory where to restore, {@code PGBACKREST_PG1_PATH}
     * @param tools the directory {@code install-tools} filled: the restored server fetches WAL with
     *     {@code tools/pgbackrest}
     * @param terminationLog where the reason of a failure goes (Kubernetes shows it in the pod's
     *     status); null for none
     * @param out where progress is printed
     */
    public RestoreCommand(
            PgBackRest pgBackRest,
            Path dataDirectory,
            Path tools,
            Path terminationLog,
            PrintWriter out) {
        this.pgBackRest = pgBackRest;
        this.dataDirectory = dataDirectory;
        this.tools = tools;
        this.terminationLog = terminationLog;
        this.out = out;
    }

    /**
     * Makes this the restore of a verification pod: it records when it starts and writes the
     * restored server's {@code pg_hba.conf} into {@code directory}, tells pgBackRest to write
     * {@code archive_mode=off} (the throwaway server must never push WAL into the repository it was
     * restored from), and refuses a data directory that is not empty.
     */
    public RestoreCommand forVerification(VerificationDirectory directory, Clock clock) {
        this.verification = directory;
        this.clock = clock;
        return this;
    }

    /**
     * Restores to {@code targetTime}, or to the end of the archive when empty.
     *
     * @return {@link #DONE} or {@link #FAILED}
     */
    public int run(Optional<Instant> targetTime) {
        if (verification != null) {
            verification.restoreStarted(clock.instant());
            if (!empty(dataDirectory)) {
                return fail(
                        "cannot verify a restore into "
                                + dataDirectory
                                + ": the data directory is not empty");
            }
        }
        if (!empty(dataDirectory)) {
            out.println(
                    "not restoring: the data directory "
                            + dataDirectory
                            + " is not empty, so the server starts on the data it holds");
            out.flush();
            return DONE;
        }
        try {
            BackupInfo info = pgBackRest.info();
            Optional<String> outside = outsideWindow(info, targetTime);
            if (outside.isPresent()) {
                return fail(outside.get());
            }
            createDataDirectory();
            out.println(
                    "restoring "
                            + dataDirectory
                            + targetTime.map(t -> " to " + t).orElse(" to the end of the archive"));
            out.flush();
            pgBackRest.restore(
                    targetTime,
                    tools.resolve("pgbackrest"),
                    verification == null ? List.of() : List.of("--archive-mode=off"));
            if (verification != null) {
                verification.writeHba();
                info.newest().ifPresent(backup -> verification.backupEnded(backup.stop()));
            }
            out.println("restored " + dataDirectory);
            out.flush();
            return DONE;
        } catch (PgBackRestException e) {
            return fail("restore failed: " + e.getMessage());
        }
    }

    /** Why {@code targetTime} cannot be reached, if it cannot. */
    Optional<String> outsideWindow(BackupInfo info, Optional<Instant> targetTime) {
        Optional<Instant> from = info.recoverableFrom();
        if (from.isEmpty()) {
            return Optional.of("cannot restore: the repository holds no backup");
        }
        if (targetTime.isEmpty()) {
            return Optional.empty();
        }
        Instant target = targetTime.get();
        // pgBackRest dates a backup's end to the second and needs a target in a later second.
        if (!target.truncatedTo(ChronoUnit.SECONDS).isAfter(from.get())) {
            return Optional.of(
                    "cannot restore to "
                            + target
                            + ": the recoverable window starts after "
                            + from.get()
                            + ", the second the oldest backup ended in");
        }
        Instant newestBackup = info.newest().orElseThrow().stop();
        Instant to = pgBackRest.newestArchivedWalTime(info).orElse(newestBackup);
        if (to.isBefore(newestBackup)) {
            to = newestBackup;
        }
        // The store dates objects to the second: a target within the second the newest segment
        // was archived in may lie before its archiving.
        if (target.truncatedTo(ChronoUnit.SECONDS).isAfter(to)) {
            return Optional.of(
                    "cannot restore to "
                            + target
                            + ": the recoverable window ends at "
                            + to
                            + ", when the newest WAL segment was archived");
        }
        return Optional.empty();
    }

    private int fail(String reason) {
        String line = reason.replace('\n', ' ');
        out.println(line);
        out.flush();
        if (terminationLog != null) {
            try {
                Files.writeString(terminationLog, line + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                out.println("cannot write the termination log " + terminationLog + ": " + e);
                out.flush();
            }
        }
        return FAILED;
    }

    private void createDataDirectory() {
        if (Files.isDirectory(dataDirectory)) {
            return;
        }
        try {
            Files.createDirectories(
                    dataDirectory,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDirectory, e);
        }
    }

    static boolean empty(Path directory) {
        if (!Files.exists(directory)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
    }
}
