package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mongo image's shell tools act on the pod's volumes and nowhere else. */
class MongoImageShellTest {

    @TempDir Path root;

    private MongoImageShell shell(Path volume) {
        return new MongoImageShell(
                new MountTable(Map.of("/work", volume)),
                new MongoContainerLog(root.resolve("log"), Clock.systemUTC()));
    }

    @Test
    void runsCommandsJoinedByAndUntilOneFails() throws Exception {
        Path volume = Files.createDirectories(root.resolve("volume"));
        Files.writeString(volume.resolve("source"), "key");

        int status =
                shell(volume)
                        .run(
                                List.of(
                                        "sh",
                                        "-c",
                                        "mkdir -p /work/a && cp /work/source /work/a/copy"
                                                + " && chmod 0400 /work/a/copy"
                                                + " && cp /work/missing /work/b && mkdir /work/c"));

        assertThat(status).isEqualTo(1);
        assertThat(Files.getPosixFilePermissions(volume.resolve("a/copy")))
                .containsExactly(PosixFilePermission.OWNER_READ);
        assertThat(volume.resolve("c")).doesNotExist();
    }

    @Test
    void writesOutsideTheVolumesFailAsOnAReadOnlyRootAndDotDotDoesNotEscape() throws Exception {
        Path volume = Files.createDirectories(root.resolve("volume"));
        Path outside = Files.writeString(root.resolve("outside"), "keep");

        assertThat(shell(volume).run(List.of("sh", "-c", "rm -f /work/../outside"))).isEqualTo(1);
        assertThat(shell(volume).run(List.of("rm", "-rf", "/etc"))).isEqualTo(1);
        assertThat(shell(volume).run(List.of("sh", "-c", "mongosh --eval 1"))).isEqualTo(127);
        assertThat(outside).hasContent("keep");
        assertThat(Files.readString(root.resolve("log"))).contains("Read-only file system");
    }

    @Test
    void theImagesEntrypointRunsMongodOrTheGivenProgram() {
        assertThat(
                        MongoContainerCommand.of(
                                new ContainerBuilder().withArgs("--config", "/c").build()))
                .isEqualTo(new MongoContainerCommand.Mongod(List.of("--config", "/c"), true));
        assertThat(MongoContainerCommand.of(new ContainerBuilder().build()))
                .isEqualTo(new MongoContainerCommand.Mongod(List.of(), true));
        assertThat(
                        MongoContainerCommand.of(
                                new ContainerBuilder()
                                        .withCommand("mongod", "--port", "1")
                                        .build()))
                .isEqualTo(new MongoContainerCommand.Mongod(List.of("--port", "1"), false));
        assertThat(
                        MongoContainerCommand.of(
                                new ContainerBuilder().withCommand("sh", "-c", "true").build()))
                .isEqualTo(new MongoContainerCommand.Program(List.of("sh", "-c", "true")));
    }
}
