package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BackupImageTest {

    @Test
    void theBackupImageIsTheImageTheChartInstalls() throws IOException {
        String chart = Files.readString(Path.of("../helm/vigil-operator/Chart.yaml"));
        Matcher appVersion =
                Pattern.compile("(?m)^appVersion:\\s*\"?([^\"\\s]+)\"?\\s*$").matcher(chart);
        assertThat(appVersion.find()).isTrue();

        assertThat(BackupImage.IMAGE)
                .isEqualTo("ghcr.io/vigil-dev/vigil-operator:" + appVersion.group(1));
    }

    @Test
    void theDockerfileInstallsPgBackRestIntoThatImage() throws IOException {
        assertThat(Files.readString(Path.of("../Dockerfile"))).contains("apt-get install");
        assertThat(Files.readString(Path.of("../Dockerfile"))).contains("pgbackrest");
    }
}
