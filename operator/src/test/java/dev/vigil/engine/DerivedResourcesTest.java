package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.MonitoringPasswordRotation;
import dev.vigil.resources.BuildContext;
import dev.vigil.testing.GoldenFiles;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
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
 * shrinks). Without it the context is the spec's. The monitoring-password rotation token comes from
 * the input, as the reconciler takes it from the resource.
 *
 * <p>The comparison and the update switch are {@link GoldenFiles}'. After an intended change,
 * regenerate the expected files and review the diff before committing, since they are the
 * specification of what Vigil emits:
 *
 * <pre>
 * ./mvnw -o -B -q -pl operator test -Dtest=DerivedResourcesTest -Dvigil.golden.update=true
 * </pre>
 */
class DerivedResourcesTest {

    private static final Path CASES = Path.of("src/test/resources/DerivedResourcesTest");
    private static final String INPUT_PREFIX = "in-MonitoredDatabase-";
    private static final String CONTEXT_FILE = "context.yaml";
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    @TestFactory
    Stream<DynamicNode> derivedResources() {
        return GoldenFiles.caseDirs(CASES).stream().map(DerivedResourcesTest::testCase);
    }

    private static DynamicContainer testCase(Path caseDir) {
        MonitoredDatabase input = readInput(caseDir);
        // As the reconciler does: the rotation token comes from the resource.
        BuildContext context =
                readContext(caseDir)
                        .withMonitoringCredentialsRevision(MonitoringPasswordRotation.token(input));
        return GoldenFiles.compare(
                caseDir, GoldenFiles.render(DatabaseResources.desired(input, context).all()));
    }

    private static MonitoredDatabase readInput(Path caseDir) {
        List<Path> inputs = GoldenFiles.list(caseDir, INPUT_PREFIX);
        assertThat(inputs).as("one %s*.yaml in %s", INPUT_PREFIX, caseDir).hasSize(1);
        return Serialization.unmarshal(GoldenFiles.read(inputs.get(0)), MonitoredDatabase.class);
    }

    @SuppressWarnings("unchecked") // YAML maps have string keys
    private static BuildContext readContext(Path caseDir) {
        BuildContext context = BuildContext.of(CLOCK, new CountingCredentials());
        Path file = caseDir.resolve(CONTEXT_FILE);
        if (!Files.exists(file)) {
            return context;
        }
        Map<String, Object> settings = Serialization.unmarshal(GoldenFiles.read(file), Map.class);
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
