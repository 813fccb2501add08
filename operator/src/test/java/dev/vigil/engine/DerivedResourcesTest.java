package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.model.BuildContext;
import dev.vigil.model.CredentialGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden-file tests of every object Vigil derives from a {@code MonitoredDatabase}.
 *
 * <p>Each directory under {@code src/test/resources/DerivedResourcesTest/} is a case: one input
 * {@code in-MonitoredDatabase-<name>.yaml}, written as a user would, and one expected file {@code
 * out-<Kind>-<name>.yaml} per object built, Secrets included. The YAML text is compared, so a
 * failure shows a readable diff. A case fails on an expected file no object matches and on an
 * object without an expected file.
 *
 * <p>A case may add {@code context.yaml} for what the operator observed rather than what the spec
 * says, as the {@link BuildContext} carries it: {@code primaryOrdinal: 2} (the PostgreSQL primary
 * after a failover) and {@code statefulSetReplicas: 5} (the StatefulSet held while the membership
 * shrinks). Without it the context is the spec's.
 *
 * <p>After an intended change, regenerate the expected files and review the diff before committing,
 * since they are the specification of what Vigil emits:
 *
 * <pre>
 * ./mvnw -o -B -q -pl operator test -Dtest=DerivedResourcesTest -Dvigil.golden.update=true
 * </pre>
 */
class DerivedResourcesTest {

    private static final Path CASES = Path.of("src/test/resources/DerivedResourcesTest");
    private static final String INPUT_PREFIX = "in-MonitoredDatabase-";
    private static final String OUTPUT_PREFIX = "out-";
    private static final String YAML = ".yaml";
    private static final String CONTEXT_FILE = "context.yaml";
    private static final boolean UPDATE = Boolean.getBoolean("vigil.golden.update");
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    @TestFactory
    Stream<DynamicNode> derivedResources() throws IOException {
        List<Path> caseDirs;
        try (Stream<Path> dirs = Files.list(CASES)) {
            caseDirs = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(caseDirs).as("cases under %s", CASES.toAbsolutePath()).isNotEmpty();
        return caseDirs.stream().map(DerivedResourcesTest::testCase);
    }

    private static DynamicContainer testCase(Path caseDir) {
        Map<String, String> actual = render(readInput(caseDir), readContext(caseDir));
        if (UPDATE) {
            rewriteExpected(caseDir, actual);
        }
        Map<String, String> expected = readExpected(caseDir);
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> object : actual.entrySet()) {
            String file = object.getKey();
            tests.add(
                    DynamicTest.dynamicTest(
                            file,
                            () -> {
                                assertThat(expected.keySet())
                                        .as("expected files of %s", caseDir.getFileName())
                                        .contains(file);
                                assertThat(object.getValue())
                                        .as("%s/%s", caseDir.getFileName(), file)
                                        .isEqualTo(expected.get(file));
                            }));
        }
        tests.add(
                DynamicTest.dynamicTest(
                        "every expected file has an object",
                        () ->
                                assertThat(actual.keySet())
                                        .as("objects built for %s", caseDir.getFileName())
                                        .containsAll(expected.keySet())));
        return DynamicContainer.dynamicContainer(caseDir.getFileName().toString(), tests);
    }

    /** Expected file name to the YAML of each object built, in build order. */
    private static Map<String, String> render(MonitoredDatabase database, BuildContext context) {
        Map<String, String> files = new LinkedHashMap<>();
        for (HasMetadata object : DatabaseResources.desired(database, context).all()) {
            String file =
                    OUTPUT_PREFIX + object.getKind() + "-" + object.getMetadata().getName() + YAML;
            String previous = files.put(file, Serialization.asYaml(object));
            assertThat(previous).as("two objects would be written to %s", file).isNull();
        }
        return files;
    }

    private static MonitoredDatabase readInput(Path caseDir) {
        List<Path> inputs = list(caseDir, INPUT_PREFIX);
        assertThat(inputs).as("one %s*.yaml in %s", INPUT_PREFIX, caseDir).hasSize(1);
        return Serialization.unmarshal(read(inputs.get(0)), MonitoredDatabase.class);
    }

    @SuppressWarnings("unchecked") // YAML maps have string keys
    private static BuildContext readContext(Path caseDir) {
        BuildContext context = BuildContext.of(CLOCK, new CountingCredentials());
        Path file = caseDir.resolve(CONTEXT_FILE);
        if (!Files.exists(file)) {
            return context;
        }
        Map<String, Object> settings = Serialization.unmarshal(read(file), Map.class);
        assertThat(settings.keySet())
                .as("settings of %s", file)
                .isSubsetOf("primaryOrdinal", "statefulSetReplicas");
        if (settings.get("primaryOrdinal") instanceof Integer ordinal) {
            context = context.withPrimaryOrdinal(ordinal);
        }
        if (settings.get("statefulSetReplicas") instanceof Integer replicas) {
            context = context.withStatefulSetReplicas(replicas);
        }
        return context;
    }

    private static Map<String, String> readExpected(Path caseDir) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (Path file : list(caseDir, OUTPUT_PREFIX)) {
            expected.put(file.getFileName().toString(), read(file));
        }
        return expected;
    }

    private static void rewriteExpected(Path caseDir, Map<String, String> actual) {
        try {
            for (Path stale : list(caseDir, OUTPUT_PREFIX)) {
                Files.delete(stale);
            }
            for (Map.Entry<String, String> object : actual.entrySet()) {
                Files.writeString(caseDir.resolve(object.getKey()), object.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the expected files of " + caseDir, e);
        }
    }

    private static List<Path> list(Path dir, String prefix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            file -> {
                                String name = file.getFileName().toString();
                                return name.startsWith(prefix) && name.endsWith(YAML);
                            })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Numbers the values it hands out ({@code password-1}, {@code password-2}, {@code keyfile-1}),
     * so the expected files show which Secret got which value.
     */
    static final class CountingCredentials implements CredentialGenerator {
        private int passwords;
        private int keyfiles;

        @Override
        public String password() {
            return "password-" + ++passwords;
        }

        @Override
        public String mongoKeyfile() {
            return "keyfile-" + ++keyfiles;
        }
    }
}
