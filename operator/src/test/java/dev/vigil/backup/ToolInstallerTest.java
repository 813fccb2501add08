package dev.vigil.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code install-tools} for real, with this machine's {@code pgbackrest} (Debian's package): the
 * copy runs through its wrapper with the copied libraries, from an environment where pgBackRest is
 * not on the PATH.
 */
class ToolInstallerTest {

    @TempDir Path directory;

    @Test
    void theInstalledWrapperRunsTheCopyWithItsOwnLibraries() throws Exception {
        Path program = ToolInstaller.onPath("pgbackrest", System.getenv("PATH")).orElseThrow();
        Path into = directory.resolve("backup");

        Path wrapper = ToolInstaller.install(program, into);

        assertThat(wrapper).isEqualTo(into.resolve("pgbackrest")).isExecutable();
        assertThat(Files.readString(wrapper)).isEqualTo(ToolInstaller.WRAPPER);
        assertThat(into.resolve("bin/pgbackrest")).isExecutable();
        assertThat(into.resolve("lib/libpq.so.5")).exists();
        try (var libraries = Files.list(into.resolve("lib"))) {
            assertThat(libraries.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.matches("(libc|libm|libpthread|libdl|librt)\\.so.*"))
                    .noneMatch(name -> name.startsWith("ld-linux"));
        }
        // A PATH with dirname (the wrapper's only need) but no pgbackrest.
        Path path = Files.createDirectory(directory.resolve("path"));
        Files.copy(Path.of("/usr/bin/dirname"), path.resolve("dirname"));
        String version = run(Map.of("PATH", path.toString()), wrapper.toString(), "version");
        assertThat(version).startsWith("pgBackRest 2.");
        // Every library pgBackRest loads outside glibc comes from the copies.
        String ldd =
                run(
                        Map.of("LD_LIBRARY_PATH", into.resolve("lib").toString()),
                        "ldd",
                        into.resolve("bin/pgbackrest").toString());
        assertThat(ldd).contains("libpq.so.5 => " + into.resolve("lib/libpq.so.5"));
        assertThat(ldd).contains("libssl.so.3 => " + into.resolve("lib/libssl.so.3"));
    }

    @Test
    void leavesGlibcsOwnLibrariesOut() {
        String ldd =
                String.join(
                        "\n",
                        "\tlinux-vdso.so.1 (0x00007faae73f9000)",
                        "\tlibpq.so.5 => /lib/x86_64-linux-gnu/libpq.so.5 (0x00007faae6ff9000)",
                        "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007faae681e000)",
                        "\tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007faae6540000)",
                        "\tlibpthread.so.0 => /lib/x86_64-linux-gnu/libpthread.so.0 (0x1)",
                        "\tlibdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x1)",
                        "\tlibrt.so.1 => /lib/x86_64-linux-gnu/librt.so.1 (0x1)",
                        "\t/lib64/ld-linux-x86-64.so.2 (0x00007faae73fb000)",
                        "\tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007faae72a5000)");

        assertThat(ToolInstaller.parseLdd(ldd))
                .containsExactly(
                        new ToolInstaller.Library(
                                "libpq.so.5", Path.of("/lib/x86_64-linux-gnu/libpq.so.5")),
                        new ToolInstaller.Library(
                                "libz.so.1", Path.of("/lib/x86_64-linux-gnu/libz.so.1")));
    }

    private static String run(Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
