package dev.vigil.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's {@code helm/vigil-operator/crds/} must be exactly the repository's {@code crds/}:
 * Helm installs the chart's copy, so a drift would install an older (or newer) schema than the
 * operator's.
 */
class ChartCrdsInSyncTest {

    private static final String HOW_TO_FIX =
            "helm/vigil-operator/crds/ differs from crds/: run ./mvnw -pl operator"
                    + " -Pupdate-generated process-classes and commit both";

    @Test
    void chartCrdsAreACopyOfTheRepositoryCrds() throws IOException {
        Path committed = Path.of(System.getProperty("vigil.crds.committed"));
        Path chart = Path.of(System.getProperty("vigil.crds.chart"));

        assertThat(fileNames(committed)).isNotEmpty();
        assertThat(fileNames(chart)).as(HOW_TO_FIX).isEqualTo(fileNames(committed));
        for (String name : fileNames(committed)) {
            assertThat(Files.readString(chart.resolve(name)))
                    .as(HOW_TO_FIX + " (" + name + ")")
                    .isEqualTo(Files.readString(committed.resolve(name)));
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
