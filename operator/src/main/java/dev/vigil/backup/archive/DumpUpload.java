package dev.vigil.backup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code vigil backup upload}: streams the archive mongodump writes into a FIFO to the repository,
 * stores it only when mongodump's exit code (a file its shell writes after it) is 0, then writes
 * its manifest, applies the retention and reports the outcome as JSON to the report file.
 */
public final class DumpUpload {

    /** Uploaded, and the report says what. */
    public static final int UPLOADED = 0;

    /** Nothing stored: the report's message says why. */
    public static final int FAILED = 1;

    /** How long the exit code may come after the archive's end. */
    public static final Duration EXIT_STATUS_WAIT = Duration.ofSeconds(60);

    /** The program whose archive this uploads, as messages name it. */
    static final String DUMPER = "mongodump";

    private static final Duration POLL = Duration.ofMillis(200);

    private final Supplier<ArchiveStore> store;
    private final Path archive;
    private final Path exitStatus;
    private final Retention retention;
    private final Path report;
    private final Clock clock;
    private final PrintWriter out;
    private Duration exitStatusWait = EXIT_STATUS_WAIT;

    /**
     * @param store opens the repository's store (e.g. {@link ArchiveStores#fromEnvironment}); a
     *     failure to is reported like any other
     * @param archive the FIFO or file to read to its end
     * @param exitStatus the file that receives mongodump's exit code
     * @param retention which dumps to keep once this one is stored
     * @param report where the JSON outcome goes, e.g. {@code /dev/termination-log}
     * @param out where progress lines go
     */
    public DumpUpload(
            Supplier<ArchiveStore> store,
            Path archive,
            Path exitStatus,
            Retention retention,
            Path report,
            Clock clock,
            PrintWriter out) {
        this.store = store;
        this.archive = archive;
        this.exitStatus = exitStatus;
        this.retention = retention;
        this.report = report;
        this.clock = clock;
        this.out = out;
    }

    /** Waits {@code wait} instead of {@link #EXIT_STATUS_WAIT} for the exit code. */
    DumpUpload exitStatusWait(Duration wait) {
        this.exitStatusWait = wait;
        return this;
    }

    /** Uploads, and returns {@link #UPLOADED} or {@link #FAILED}. */
    public int run() {
        Instant started = clock.instant();
        DumpReport outcome;
        int exitCode;
        // The FIFO first: should the store fail, closing it breaks mongodump's pipe, so its
        // container ends instead of waiting forever for a reader.
        try (InputStream in = Files.newInputStream(archive);
                ArchiveStore opened = store.get()) {
            DumpRepository repository = new DumpRepository(opened);
            DumpManifest dump = repository.upload(in, clock, this::checkExitStatus);
            out.println(
                    "stored "
                            + dump.label()
                            + " ("
                            + dump.sizeBytes()
                            + " bytes) in "
                            + repository.location());
            List<DumpManifest> kept = repository.applyRetention(retention, clock.instant());
            outcome = DumpReport.uploaded(dump, Duration.between(started, clock.instant()), kept);
            exitCode = UPLOADED;
        } catch (IOException | RuntimeException e) {
            outcome =
                    DumpReport.failed(
                            clock.instant(),
                            Duration.between(started, clock.instant()),
                            messageOf(e));
            exitCode = FAILED;
        }
        return reported(outcome, exitCode);
    }

    private int reported(DumpReport outcome, int exitCode) {
        return outcome.deliver(report, out) ? exitCode : FAILED;
    }

    private void checkExitStatus() throws IOException {
        try {
            int status = awaitExitStatus();
            if (status != 0) {
                throw new IOException(DUMPER + " exited with status " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the exit status of " + DUMPER);
        }
    }

    private int awaitExitStatus() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + exitStatusWait.toNanos();
        while (true) {
            Optional<String> written = read(exitStatus);
            if (written.isPresent()) {
                try {
                    return Integer.parseInt(written.get());
                } catch (NumberFormatException e) {
                    throw new IOException(
                            exitStatus
                                    + " holds \""
                                    + written.get()
                                    + "\", not the exit status of "
                                    + DUMPER);
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException(
                        "no exit status from "
                                + DUMPER
                                + " after "
                                + exitStatusWait.toSeconds()
                                + " s");
            }
            // The shell writes the file as mongodump exits, right after the FIFO's end.
            Thread.sleep(POLL.toMillis());
        }
    }

    // The file's trimmed content, empty while it is missing or not written yet.
    private static Optional<String> read(Path file) throws IOException {
        try {
            String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return content.isEmpty() ? Optional.empty() : Optional.of(content);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** A failure's reason as the report says it. */
    static String messageOf(Exception e) {
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + " does not exist";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
