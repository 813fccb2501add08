package dev.vigil.e2e.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints every container log of the node when a test fails, so a failure shows its cause. */
final class ContainerLogDump implements TestWatcher {

    private final Supplier<Path> logDirectory;

    ContainerLogDump(Supplier<Path> logDirectory) {
        this.logDirectory = logDirectory;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Path directory = logDirectory.get();
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> logs = Files.walk(directory)) {
            for (Path log : logs.filter(Files::isRegularFile).sorted().toList()) {
                System.out.println("----- " + directory.relativize(log));
                System.out.println(Files.readString(log));
            }
        } catch (IOException e) {
            System.out.println("cannot read the container logs: " + e.getMessage());
        }
    }
}
