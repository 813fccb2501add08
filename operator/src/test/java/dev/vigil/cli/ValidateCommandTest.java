package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateCommandTest {

    static final Path EXAMPLES = Path.of("..", "examples");
    static final Path INVALID_CRS = Path.of("src", "test", "resources", "invalid-crs");

    /**
     * Examples of engines the validator still refuses (PostgreSQL): kept out of the checks of every
     * example until it accepts them; lifting that refusal empties this set.
     */
    static final Set<String> AWAITING_VALIDATOR = Set.of();

    private static final Set<String> CHECKED_INVALID_CRS = new HashSet<>();

    @TempDir Path tmp;

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> yaml =
                    files.filter(f -> f.toString().endsWith(".yaml"))
                            .filter(f -> !AWAITING_VALIDATOR.contains(f.getFileName().toString()))
                            .sorted()
                            .toList();
            assertThat(yaml).isNotEmpty();
            return yaml.stream();
        }
    }

    /**
     * {@code command} with the examples directory; until {@link #AWAITING_VALIDATOR} is empty, with
     * each of its other files instead.
     */
    static String[] everyExample(String command) throws IOException {
        if (AWAITING_VALIDATOR.isEmpty()) {
            return new String[] {command, "-f", EXAMPLES.toString()};
        }
        return Stream.concat(
                        Stream.of(command), examples().flatMap(f -> Stream.of("-f", f.toString())))
                .toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleIsValid(Path example) {
        CliRun run = CliRun.of("validate", "-f", example.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).isEqualTo("ok: 1 resources valid\n");
    }

    @Test
    void theExamplesDirectoryValidatesAsAWhole() throws IOException {
        CliRun run = CliRun.of(everyExample("validate"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("ok: ").contains(" resources valid");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    bad-engine.yaml                  | spec.engine                   | must be one of [MongoDB, PostgreSQL]
                    missing-version.yaml             | spec.version                  | is required
                    version-seven.yaml               | spec.version                  | does not match pattern
                    replicas-zero.yaml               | spec.replicas                 | must be at least 1
                    replicas-nine.yaml               | spec.replicas                 | must be at most 7
                    storage-size-words.yaml          | spec.storage.size             | does not match pattern
                    unknown-field.yaml               | spec.replica                  | unknown field
                    name-too-long.yaml               | metadata.name                 | must be at most 52 characters
                    exporter-port-clash.yaml         | spec.exporter.port            | conflicts with the MongoDB port 27017
                    analysis-without-prometheus.yaml | spec.healthGate.prometheusUrl | is required when healthGate.analysis or healthGate.standardAnalyses is set
                    postgresql-too-old.yaml          | spec.version                  | PostgreSQL 13 and older are not supported
                    external-mode.yaml               | spec.external                 | needs endpoints or uriSecret in External mode
                    external-with-replicas.yaml      | spec.replicas                 | must be unset in External mode
                    """)
    void eachInvalidResourceFailsOnItsOneField(String file, String field, String reason) {
        CHECKED_INVALID_CRS.add(file);
        Path path = INVALID_CRS.resolve(file);

        CliRun run = CliRun.of("validate", "-f", path.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines())
                .singleElement(STRING)
                .startsWith(path + ": MonitoredDatabase/")
                .contains(": " + field + ": " + reason);
    }

    @AfterAll
    static void everyInvalidResourceIsChecked() throws IOException {
        try (Stream<Path> files = Files.list(INVALID_CRS)) {
            assertThat(CHECKED_INVALID_CRS)
                    .as("files in %s without an expectation", INVALID_CRS)
                    .containsAll(files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void aDirectoryIsWalkedRecursivelyInSortedOrder() {
        CliRun run = CliRun.of("validate", "-f", INVALID_CRS.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).hasSize(13);
        assertThat(run.outLines()).isSorted();
        assertThat(run.err()).contains("13 problem(s) in 13 resource(s)");
    }

    @Test
    void otherKindsAreIgnoredAndSeveralDocumentsAreNamedByKindAndName() throws IOException {
        Path file =
                write(
                        "mixed.yaml",
                        """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings}
                        data: {replicas: "9"}
                        ---
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog}
                        spec: {engine: MongoDB, version: "7.0.14", replicas: 9}
                        ---
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: shop}
                        spec: {unknown: field}
                        ---
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: sessions}
                        spec: {engine: MongoDB, version: "7.0.14"}
                        """);

        CliRun run = CliRun.of("validate", "-f", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines())
                .containsExactly(
                        file + ": MonitoredDatabase/catalog: spec.replicas: must be at most 7");
    }

    @Test
    void onlyOtherKindsIsValid() throws IOException {
        Path file =
                write(
                        "app.yaml",
                        """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings}
                        ---
                        """);

        CliRun run = CliRun.of("validate", "-f", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("ok: 0 resources valid\n");
    }

    @Test
    void anAlertPolicyIsValidatedAgainstItsSchema() throws IOException {
        Path file =
                write(
                        "policy.yaml",
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: AlertPolicy
                        metadata: {name: paging}
                        spec:
                          selector: {names: [catalog]}
                          overrides:
                          - {alert: MongoDBDown, priority: P0}
                        """);

        CliRun run = CliRun.of("validate", "-f", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines())
                .containsExactly(
                        file
                                + ": AlertPolicy/paging: spec.overrides[0].priority: must be one"
                                + " of [P1, P2, P3, P4]");
    }

    @Test
    void anUnknownKindOrVersionOfTheVigilGroupIsAProblem() throws IOException {
        Path file =
                write(
                        "unknown.yaml",
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredCache
                        metadata: {name: cache}
                        ---
                        apiVersion: vigil.dev/v1
                        kind: MonitoredDatabase
                        metadata: {name: catalog}
                        """);

        CliRun run = CliRun.of("validate", "-f", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines())
                .containsExactly(
                        file
                                + ": MonitoredCache/cache: kind: 'MonitoredCache' is not a kind of"
                                + " vigil.dev; it has MonitoredDatabase and AlertPolicy",
                        file
                                + ": MonitoredDatabase/catalog: apiVersion: vigil.dev/v1 is not"
                                + " served by this version of Vigil; use vigil.dev/v1alpha1");
    }

    @Test
    void aMissingFileIsUnreadable() {
        Path missing = tmp.resolve("nope.yaml");

        CliRun run = CliRun.of("validate", "-f", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(missing + ": no such file or directory");
    }

    @Test
    void aYamlSyntaxErrorIsUnreadableAndNamesFileAndLine() throws IOException {
        Path file =
                write(
                        "broken.yaml",
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata:
                          name: catalog
                         spec: [engine
                        """);

        CliRun run = CliRun.of("validate", "-f", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: " + file + ": line 5: ");
    }

    @Test
    void aDuplicateKeyIsUnreadable() throws IOException {
        Path file =
                write(
                        "duplicate.yaml",
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog}
                        spec:
                          engine: MongoDB
                          version: "7.0.14"
                          replicas: 3
                          replicas: 5
                        """);

        CliRun run = CliRun.of("validate", "-f", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file + ": line 8: ").contains("replicas");
    }

    @Test
    void withoutAnInputItIsAUsageError() {
        CliRun run = CliRun.of("validate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--filename=FILE|DIR'");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }
}
