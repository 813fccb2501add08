package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.mongodb.MongoExporterContainer;
import dev.vigil.engine.postgres.PostgresExporterContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code scripts/go-binaries.sh} builds, and how its answer is read. */
class GoBinariesTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "go-binaries.sh");

    @TempDir Path dir;

    @Test
    void theScriptBuildsTheExporterVersionsOfTheImagesVigilDeploys() throws Exception {
        String script = Files.readString(SCRIPT);

        assertThat("v" + tag(PostgresExporterContainer.DEFAULT_IMAGE).replaceFirst("^v", ""))
                .isEqualTo(constant(script, "POSTGRES_EXPORTER_VERSION"));
        assertThat("v" + tag(MongoExporterContainer.DEFAULT_IMAGE).replaceFirst("^v", ""))
                .isEqualTo(constant(script, "MONGODB_EXPORTER_VERSION"));
    }

    @Test
    void allBuildsTheObjectStoreTheBackupTestsRun() throws Exception {
        String script = Files.readString(SCRIPT);

        assertThat(script).containsPattern("(?m)^  all\\).*&& object_store ;;$");
        assertThat(constant(script, "VERSITYGW_VERSION")).isEqualTo("v1.8.0");
    }

    @Test
    void readsOneExecutableByNameAndRefusesAPathThatIsNot() throws Exception {
        Path exporter = Files.createFile(dir.resolve("postgres_exporter"));
        exporter.toFile().setExecutable(true);
        Path plain = Files.createFile(dir.resolve("plain"));

        assertThat(GoBinaries.parse("postgres_exporter=" + exporter + "\nnot a name line\n\n"))
                .containsOnlyKeys("postgres_exporter")
                .containsEntry("postgres_exporter", exporter);
        assertThatThrownBy(() -> GoBinaries.parse("mongodb_exporter=" + plain + "\n"))
                .hasMessageContaining("not executable");
    }

    private static String tag(String image) {
        return image.substring(image.lastIndexOf(':') + 1);
    }

    private static String constant(String script, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "=\"([^\"]+)\"$").matcher(script);
        assertThat(matcher.find()).as(name + " in " + SCRIPT).isTrue();
        return matcher.group(1);
    }
}
