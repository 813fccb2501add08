package dev.vigil.e2e.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Container log files: one per container of a pod, appended across restarts and re-creations of the
 * pod, with a line of the node's before each start so a reader sees where each run begins.
 */
final class ContainerLogs {

    private ContainerLogs() {}

    /** Appends one line, stamped with the time, creating the file and its directory. */
    static void append(Path log, String line) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    "==== " + Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + log, e);
        }
    }
}
