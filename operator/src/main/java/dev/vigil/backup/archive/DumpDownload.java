package dev.vigil.backup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code vigil backup download}: writes the archive of a complete dump (the newest, or the newest
 * that finished at or before a target time) to a FIFO or file for mongorestore, and reports which
 * as JSON to the report file.
 */
public final class DumpDownload {

    /** Written, and the report names the dump. */
    public static final int DOWNLOADED = 0;

    /** Nothing written: the report's message says why. */
    public static final int FAILED = 1;

    private final Supplier<ArchiveStore> store;
    private final Path to;
    private final Path report;
    private final Clock clock;
    private final PrintWriter out;

    /**
     * @param store opens the repository's store (e.g. {@link ArchiveStores#fromEnvironment})
     * @param to the FIFO or file the archive is written to
     * @param report where the JSON outcome goes, e.g. {@code /dev/termination-log}
     * @param out where progress lines go
     */
    public DumpDownload(
            Supplier<ArchiveStore> store, Path to, Path report, Clock clock, PrintWriter out) {
        this.store = store;
        this.to = to;
        this.report = report;
        this.clock = clock;
        this.out = out;
    }

    /**
     * Writes the dump for {@code target} (the newest when empty) and returns {@link #DOWNLOADED} or
     * {@link #FAILED}.
     */
    public int run(Optional<Instant> target) {
        Instant started = clock.instant();
        DumpReport outcome;
        int exitCode;
        // A FIFO first, as for the upload: opening it waits for its reader, and should the store
        // fail, closing it ends the reader's archive instead of leaving it waiting forever.
        try (OutputStream fifo = isFifo(to) ? Files.newOutputStream(to) : null;
                ArchiveStore opened = store.get()) {
            DumpRepository repository = new DumpRepository(opened);
            List<DumpManifest> dumps = repository.list();
            DumpManifest dump = choose(dumps, target, repository.location());
            try (InputStream in = repository.openArchive(dump);
                    OutputStream archive = fifo != null ? fifo : Files.newOutputStream(to)) {
                in.transferTo(archive);
            }
            out.println("wrote " + dump.label() + " from " + repository.location() + " to " + to);
            outcome = DumpReport.downloaded(dump);
            exitCode = DOWNLOADED;
        } catch (IOException | RuntimeException e) {
            outcome =
                    DumpReport.failed(
                            clock.instant(),
                            Duration.between(started, clock.instant()),
                            DumpUpload.messageOf(e));
            exitCode = FAILED;
        }
        return outcome.deliver(report, out) ? exitCode : FAILED;
    }

    // Neither a regular file nor a directory: a FIFO (or a device) someone reads.
    private static boolean isFifo(Path path) {
        return Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path);
    }

    private static DumpManifest choose(
            List<DumpManifest> oldestFirst, Optional<Instant> target, String location)
            throws IOException {
        if (oldestFirst.isEmpty()) {
            throw new IOException(location + " holds no complete dump");
        }
        DumpManifest newest = oldestFirst.get(oldestFirst.size() - 1);
        if (target.isEmpty()) {
            return newest;
        }
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            if (!oldestFirst.get(i).finishedAt().isAfter(target.get())) {
                return oldestFirst.get(i);
            }
        }
        throw new IOException(
                "no complete dump in "
                        + location
                        + " finished at or before "
                        + DumpManifest.rfc3339(target.get())
                        + ": the earliest finished at "
                        + DumpManifest.rfc3339(oldestFirst.get(0).finishedAt())
                        + ", the latest at "
                        + DumpManifest.rfc3339(newest.finishedAt()));
    }
}
