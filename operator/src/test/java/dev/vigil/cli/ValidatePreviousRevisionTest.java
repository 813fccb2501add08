package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil validate --previous}: a CI job refuses what the operator would refuse. */
class ValidatePreviousRevisionTest {

    @TempDir Path dir;

    private Path write(String name, String size) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(
                file,
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: catalog, namespace: shop}
                spec:
                  engine: MongoDB
                  version: "7.0.14"
                  replicas: 3
                  storage: {size: %s}
                """
                        .formatted(size));
        return file;
    }

    @Test
    void aStorageShrinkAgainstThePreviousRevisionIsAProblem() throws IOException {
        Path previous = write("previous.yaml", "20Gi");
        Path next = write("next.yaml", "10Gi");

        CliRun run =
                CliRun.of("validate", "-f", next.toString(), "--previous", previous.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.outLines())
                .singleElement()
                .asString()
                .startsWith(next + ": MonitoredDatabase/catalog: spec.storage.size: ")
                .contains("cannot shrink from 20Gi to 10Gi");
    }

    @Test
    void growingTheStorageIsFine() throws IOException {
        Path previous = write("previous.yaml", "20Gi");
        Path next = write("next.yaml", "50Gi");

        CliRun run =
                CliRun.of("validate", "-f", next.toString(), "--previous", previous.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.VALID);
    }

    @Test
    void withoutAPreviousRevisionNothingIsCompared() throws IOException {
        Path next = write("next.yaml", "10Gi");

        assertThat(CliRun.of("validate", "-f", next.toString()).exitCode())
                .isEqualTo(ExitCodes.VALID);
    }

    @Test
    void anUnreadablePreviousRevisionExitsTwo() throws IOException {
        Path next = write("next.yaml", "10Gi");

        CliRun run =
                CliRun.of(
                        "validate",
                        "-f",
                        next.toString(),
                        "--previous",
                        dir.resolve("missing.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
    }

    @Test
    void aNewEngineIsRefusedAsTheApiServerRefusesIt() throws IOException {
        Path previous = write("previous.yaml", "10Gi");
        Path next = dir.resolve("next.yaml");
        Files.writeString(
                next,
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: catalog, namespace: shop}
                spec: {engine: PostgreSQL, version: "16.4", storage: {size: 10Gi}}
                """);

        CliRun run =
                CliRun.of("validate", "-f", next.toString(), "--previous", previous.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        // Only the engine: the version rules would compare MongoDB's 7.0.14 with PostgreSQL's 16.4.
        assertThat(run.outLines())
                .containsExactly(
                        next + ": MonitoredDatabase/catalog: spec.engine: engine is immutable");
    }
}
