package dev.vigil.e2e.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.audit.ApiPermission.Scope;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorCallFilesTest {

    @Test
    void keepsEachScenarioClassesPermissionsAndTheLastWriteWins(@TempDir Path directory) {
        Set<ApiPermission> used =
                Set.of(
                        new ApiPermission("", "secrets", "create", Scope.NAMESPACE),
                        new ApiPermission(
                                "vigil.dev", "monitoreddatabases", "watch", Scope.CLUSTER));

        OperatorCallFiles.write(directory, "SomeE2E", Set.of());
        OperatorCallFiles.write(directory, "SomeE2E", used);
        OperatorCallFiles.write(directory, "OtherE2E", Set.of());

        assertThat(OperatorCallFiles.readAll(directory))
                .containsOnly(
                        Map.entry("SomeE2E", new TreeSet<>(used)),
                        Map.entry("OtherE2E", new TreeSet<>()));
    }

    @Test
    void aMissingDirectoryHasNoFiles(@TempDir Path directory) {
        assertThat(OperatorCallFiles.readAll(directory.resolve("missing"))).isEmpty();
    }
}
