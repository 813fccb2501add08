package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case {@code ManifestValidationFuzzTest} found: {@code vigil validate} printed a stack trace
 * (NumberFormatException) for a number beyond a double, which YAML read as Infinity.
 */
class ValidateHugeNumbersTest {

    @TempDir Path tmp;

    @Test
    void aNumberBeyondADoubleIsAProblemOfItsFieldNotAStackTrace() throws IOException {
        Path file = tmp.resolve("db.yaml");
        Files.writeString(
                file,
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: aa}
                spec: {engine: MongoDB, version: '7.0', replicas: 1e400}
                """);

        CliRun run = CliRun.of("validate", "-f", file.toString());

        assertThat(run.err()).doesNotContain("Exception");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines())
                .containsExactlyInAnyOrder(
                        file
                                + ": MonitoredDatabase/aa: spec.replicas: must be an integer, not a"
                                + " number",
                        file + ": MonitoredDatabase/aa: spec.replicas: must be at most 7");
    }
}
