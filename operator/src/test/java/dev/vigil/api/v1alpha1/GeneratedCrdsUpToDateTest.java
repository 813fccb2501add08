package dev.vigil.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code crds/} must be exactly what the build generates from the Java types; a drift
 * means someone changed the API without regenerating (or edited the YAML by hand).
 */
class GeneratedCrdsUpToDateTest {

    private static final String HOW_TO_FIX =
            "crds/ drifted from the Java API types: run ./mvnw -pl operator -Pupdate-generated"
                    + " process-classes and commit crds/";

    @Test
    void committedCrdsMatchTheGeneratedOnes() throws IOException {
        Path generated = Path.of(System.getProperty("vigil.crds.generated"));
        Path committed = Path.of(System.getProperty("vigil.crds.committed"));

        assertThat(fileNames(committed)).as(HOW_TO_FIX).isEqualTo(fileNames(generated));
        for (String name : fileNames(generated)) {
            assertThat(Files.readString(committed.resolve(name)))
                    .as(HOW_TO_FIX + " (" + name + ")")
                    .isEqualTo(Files.readString(generated.resolve(name)));
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
