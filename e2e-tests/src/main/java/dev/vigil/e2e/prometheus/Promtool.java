package dev.vigil.e2e.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code promtool}, checking a rule file or a configuration before Prometheus is asked to
 * load it, as prometheus-operator validates PrometheusRules (its admission webhook and its own
 * check) so that one bad object is skipped rather than breaking Prometheus's reload.
 */
final class Promtool {

    /** Where Debian's prometheus package installs promtool. */
    static final Path BINARY = Path.of("/usr/bin/promtool");

    private static final long TIMEOUT_SECONDS = 30;

    private final Path scratch;

    /** A promtool writing what it checks under {@code scratch}. */
    Promtool(Path scratch) {
        this.scratch = scratch;
    }

    /** What promtool finds wrong in the rule file {@code content}; empty when it is valid. */
    Optional<String> checkRules(String content) {
        return check(List.of("check", "rules"), "rules.yaml", content);
    }

    /**
     * What promtool finds wrong in the configuration {@code content}, its syntax and semantics but
     * not the files it names; empty when it is valid.
     */
    Optional<String> checkConfig(String content) {
        return check(List.of("check", "config", "--syntax-only"), "prometheus.yml", content);
    }

    private Optional<String> check(List<String> command, String fileName, String content) {
        try {
            Files.createDirectories(scratch);
            Path file = scratch.resolve(fileName);
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Path output = scratch.resolve(fileName + ".out");
            Process process =
                    new ProcessBuilder(concat(BINARY.toString(), command, file.toString()))
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("promtool did not finish within " + TIMEOUT_SECONDS + "s");
            }
            String said = Files.readString(output, StandardCharsets.UTF_8).strip();
            // promtool names the scratch file; the reader knows which object this is.
            said = said.replace(file.toString(), fileName);
            return process.exitValue() == 0 ? Optional.empty() : Optional.of(said);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BINARY, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + BINARY, e);
        }
    }

    private static List<String> concat(String binary, List<String> command, String file) {
        List<String> all = new ArrayList<>();
        all.add(binary);
        all.addAll(command);
        all.add(file);
        return all;
    }
}
