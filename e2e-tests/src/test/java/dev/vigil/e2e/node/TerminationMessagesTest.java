package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessagesTest {

    @TempDir Path directory;

    @Test
    void theDefaultPathIsTheKubeletsAndAnOwnPathIsKept() {
        assertThat(TerminationMessages.path(new ContainerBuilder().withName("c").build()))
                .isEqualTo("/dev/termination-log");
        assertThat(
                        TerminationMessages.path(
                                new ContainerBuilder()
                                        .withName("c")
                                        .withTerminationMessagePath("/tmp/why")
                                        .build()))
                .isEqualTo("/tmp/why");
    }

    @Test
    void anEmptyFileIsNoMessageAndALongOneIsCutAt4096Bytes() throws Exception {
        Path file =
                TerminationMessages.create(
                        directory.resolve("c.termination-log"), PodUser.detect());

        assertThat(TerminationMessages.read(file)).isNull();

        Files.writeString(file, "x".repeat(5000));
        assertThat(TerminationMessages.read(file)).hasSize(4096);

        Files.writeString(
                TerminationMessages.create(file, PodUser.detect()), "{\"verified\":true}\n");
        assertThat(TerminationMessages.read(file)).isEqualTo("{\"verified\":true}\n");
        assertThat(TerminationMessages.read(directory.resolve("absent"))).isNull();
    }
}
