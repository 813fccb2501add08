package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.fail;

import dev.vigil.testing.GoBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the two Prometheus {@code promtool}s every rule is checked with: Debian's (Prometheus 2)
 * and Prometheus 3's, built from its Go module by {@code scripts/go-binaries.sh promtool}. A
 * missing binary fails the test that runs it: the rules would otherwise go unproven without anyone
 * noticing.
 */
public final class Promtool {

    private static final Path DEBIAN_BINARY = Path.of("/usr/bin/promtool");
    private static final Pattern VERSION = Pattern.compile("promtool, version ([0-9][^ ]*)");

    /** What promtool printed, and how it exited. */
    public record Result(int exitCode, String output) {}

    private static Promtool prometheus2;
    private static Promtool prometheus3;

    private final String major;
    private final Optional<Path> binary;
    private final String missing;
    private String version;

    private Promtool(String major, Optional<Path> binary, String missing) {
        this.major = major;
        this.binary = binary;
        this.missing = missing;
    }

    /** Debian's promtool (Prometheus 2.42 on our machines). */
    public static synchronized Promtool prometheus2() {
        if (prometheus2 == null) {
            prometheus2 =
                    new Promtool(
                            "2",
                            debian(),
                            "promtool is not installed; the alert rules cannot be proven without"
                                    + " it. Install it with: apt-get update && apt-get install -y"
                                    + " prometheus");
        }
        return prometheus2;
    }

    /** Prometheus 3's promtool, built from the Go module at the version the script pins. */
    public static synchronized Promtool prometheus3() {
        if (prometheus3 == null) {
            Optional<Path> built;
            String missing =
                    "scripts/go-binaries.sh promtool built no promtool: see its output above";
            try {
                built = GoBinaries.of("promtool", "promtool");
            } catch (IllegalStateException e) {
                // Reported by the tests that run it, not while JUnit lists them.
                built = Optional.empty();
                missing = e.getMessage();
            }
            prometheus3 = new Promtool("3", built, missing);
        }
        return prometheus3;
    }

    /** Both, Prometheus 2's first. */
    public static List<Promtool> both() {
        return List.of(prometheus2(), prometheus3());
    }

    /** Runs {@code promtool <args>} in {@code directory}. */
    public Result run(Path directory, String... args) throws IOException, InterruptedException {
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

    /** The version it reports, "2.42.0+ds" say; "missing" when there is no binary. */
    public synchronized String version() {
        if (version == null) {
            version = binary.map(Promtool::reportedVersion).orElse("missing");
        }
        return version;
    }

    /** "promtool 3.16.0", as test names show it. */
    @Override
    public String toString() {
        return binary.isPresent() ? "promtool " + version() : "promtool " + major + ".x (missing)";
    }

    private Path binary() {
        Path path = binary.orElseGet(() -> fail(missing));
        if (!version().startsWith(major + ".")) {
            fail(path + " is promtool " + version() + ", not Prometheus " + major + "'s");
        }
        return path;
    }

    private static Optional<Path> debian() {
        if (Files.isExecutable(DEBIAN_BINARY)) {
            return Optional.of(DEBIAN_BINARY);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String reportedVersion(Path binary) {
        try {
            Process process =
                    new ProcessBuilder(binary.toString(), "--version")
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(1, TimeUnit.MINUTES);
            Matcher matcher = VERSION.matcher(output);
            return matcher.find() ? matcher.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
