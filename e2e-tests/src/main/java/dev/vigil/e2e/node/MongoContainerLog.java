package dev.vigil.e2e.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * A simulated container's standard output: one line per event, in the shape of mongod's structured
 * log ({@code {"t":{"$date":...},"s":"I","c":"CONTROL","ctx":...,"msg":...}}), so a dumped pod log
 * reads like a real one. Never given a password.
 */
final class MongoContainerLog {

    private final Path file;
    private final Clock clock;

    MongoContainerLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    void info(String component, String message) {
        write("I", component, message);
    }

    void error(String component, String message) {
        write("E", component, message);
    }

    /** A plain line, as a shell or the image's entrypoint prints it. */
    void plain(String line) {
        append(line + "\n");
    }

    private void write(String severity, String component, String message) {
        append(
                "{\"t\":{\"$date\":\""
                        + clock.instant()
                        + "\"},\"s\":\""
                        + severity
                        + "\",\"c\":\""
                        + component
                        + "\",\"ctx\":\"initandlisten\",\"msg\":\""
                        + message.replace("\\", "\\\\").replace("\"", "\\\"")
                        + "\"}\n");
    }

    private synchronized void append(String text) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(
                    file,
                    text,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write container log " + file, e);
        }
    }
}
