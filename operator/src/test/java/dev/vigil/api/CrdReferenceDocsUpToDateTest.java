package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed {@code docs/reference/*.md} must be exactly what {@link CrdReferenceDoc} renders
 * from the CRDs bundled in the jar; a drift means the API changed without regenerating the docs (or
 * someone edited them by hand).
 *
 * <p>To regenerate, run this test with {@code -Dvigil.docs.update=true}: it then rewrites the files
 * instead of comparing them.
 *
 * <pre>
 * ./mvnw -o -pl operator test -Dtest=CrdReferenceDocsUpToDateTest -Dvigil.docs.update=true
 * </pre>
 */
class CrdReferenceDocsUpToDateTest {

    private static final String HOW_TO_FIX =
            "docs/reference/ drifted from the CRDs: run ./mvnw -pl operator test"
                    + " -Dtest=CrdReferenceDocsUpToDateTest -Dvigil.docs.update=true"
                    + " and commit docs/reference/";

    static Stream<Arguments> docs() {
        return Stream.of(
                Arguments.of(
                        "monitoreddatabase.md",
                        "monitoreddatabases.vigil.dev-v1.yml",
                        MonitoredDatabase.class),
                Arguments.of(
                        "alertpolicy.md", "alertpolicies.vigil.dev-v1.yml", AlertPolicy.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void committedReferenceMatchesTheRenderedOne(
            String docFile, String crdFile, Class<? extends CustomResource<?, ?>> type)
            throws IOException {
        Path committed = Path.of(System.getProperty("vigil.docs.reference")).resolve(docFile);
        String rendered = CrdReferenceDoc.render(type, SchemaDefaults.bundledCrd(crdFile));

        if (Boolean.getBoolean("vigil.docs.update")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, rendered);
        }

        assertThat(committed).as(HOW_TO_FIX).exists();
        assertThat(Files.readString(committed))
                .as(HOW_TO_FIX + " (" + docFile + ")")
                .isEqualTo(rendered);
    }
}
