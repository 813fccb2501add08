package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' {@code promtool}. A missing binary fails the test: the rules would otherwise go
 * unproven without anyone noticing.
 */
public final class Promtool {

    private static final Path DEBIAN_BINARY = Path.of("/usr/bin/promtool");

    /** What promtool printed, and how it exited. */
    public record Result(int exitCode, String output) {}

    private Promtool() {}

    /** Runs {@code promtool <args>} in {@code directory}. */
    public static Result run(Path directory, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .start();
        // Read before waiting, so a full pipe cannot block promtool.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("promtool did not finish within 2 minutes: " + command);
        }
        return new Result(process.exitValue(), output);
    }

    private static Path binary() {
        if (Files.isExecutable(DEBIAN_BINARY)) {
            return DEBIAN_BINARY;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(
                "promtool is not installed; the alert rules cannot be proven without it. Install"
                        + " it with: apt-get update && apt-get install -y prometheus");
    }
}
