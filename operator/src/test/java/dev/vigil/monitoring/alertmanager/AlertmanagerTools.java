package dev.vigil.monitoring.alertmanager;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.testing.GoBinaries;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real tools an AlertmanagerConfig meets: prometheus-operator's conversion into an Alertmanager
 * configuration ({@code scripts/alertmanager-config}, built with the prometheus-operator version
 * Vigil tests against) and {@code amtool}, Debian's and the one of the Alertmanager version
 * prometheus-operator requires (both from {@code scripts/go-binaries.sh alertmanager-tools}). A
 * missing tool fails the test.
 */
final class AlertmanagerTools {

    /** The go-binaries.sh group building the conversion and the newer amtool. */
    static final String GROUP = "alertmanager-tools";

    private static final Path DEBIAN_AMTOOL = Path.of("/usr/bin/amtool");

    /** One amtool, and the Alertmanager version the configuration is generated for. */
    record Amtool(Path binary, String alertmanagerVersion) {}

    /** What a program printed on its standard output and error, and how it exited. */
    record Result(int exitCode, String stdout, String stderr) {}

    private AlertmanagerTools() {}

    /** Debian's amtool ({@code prometheus-alertmanager}, 0.25 on bookworm). */
    static Amtool debianAmtool() {
        if (!Files.isExecutable(DEBIAN_AMTOOL)) {
            fail(
                    "amtool is not installed; routing cannot be checked without it. Install it"
                        + " with: apt-get update && apt-get install -y prometheus-alertmanager");
        }
        return new Amtool(DEBIAN_AMTOOL, version(DEBIAN_AMTOOL));
    }

    /** amtool at the Alertmanager version prometheus-operator requires (0.28.1 for v0.85.0). */
    static Amtool moduleAmtool() {
        Path binary = built("amtool");
        return new Amtool(binary, version(binary));
    }

    /**
     * prometheus-operator's Alertmanager configuration for {@code configs}, the {@code secrets}
     * they refer to at hand, generated for {@code alertmanagerVersion}.
     */
    static Result generate(
            String alertmanagerVersion, List<AlertmanagerConfig> configs, List<Secret> secrets)
            throws IOException, InterruptedException {
        ObjectNode input = Serialization.jsonMapper().createObjectNode();
        input.put("alertmanagerVersion", alertmanagerVersion);
        input.set("alertmanagerConfigs", Serialization.jsonMapper().valueToTree(configs));
        input.set("secrets", Serialization.jsonMapper().valueToTree(secrets));
        return run(
                List.of(built("alertmanager-config").toString()),
                Serialization.jsonMapper().writeValueAsBytes(input));
    }

    /** {@code amtool check-config FILE}. */
    static Result checkConfig(Amtool amtool, Path file) throws IOException, InterruptedException {
        return run(List.of(amtool.binary().toString(), "check-config", file.toString()), null);
    }

    /**
     * The receivers an alert with {@code labels} ({@code name=value} each) reaches, in the order of
     * the routing tree: {@code amtool config routes test}.
     */
    static List<String> receivers(Amtool amtool, Path file, String... labels)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(amtool.binary().toString());
        command.addAll(List.of("config", "routes", "test", "--config.file=" + file));
        command.addAll(List.of(labels));
        Result result = run(command, null);
        if (result.exitCode() != 0) {
            fail("amtool config routes test failed: " + result);
        }
        return Arrays.stream(result.stdout().strip().split(",")).map(String::strip).toList();
    }

    private static Path built(String name) {
        return GoBinaries.of(GROUP, name)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "scripts/go-binaries.sh "
                                                + GROUP
                                                + " built no "
                                                + name
                                                + ": see its output above"));
    }

    /** The Alertmanager version an amtool reports, e.g. {@code 0.25.0}. */
    private static String version(Path amtool) {
        try {
            Result result = run(List.of(amtool.toString(), "--version"), null);
            String out = result.stdout() + result.stderr();
            java.util.regex.Matcher version =
                    java.util.regex.Pattern.compile("version (\\d+\\.\\d+\\.\\d+)").matcher(out);
            if (!version.find()) {
                return fail(amtool + " --version printed no version: " + out);
            }
            return version.group(1);
        } catch (IOException | InterruptedException e) {
            return fail("cannot run " + amtool + " --version", e);
        }
    }

    private static Result run(List<String> command, byte[] stdin)
            throws IOException, InterruptedException {
        Path err = Files.createTempFile("vigil-amtool", ".err");
        try {
            Process process =
                    new ProcessBuilder(command)
                            .redirectError(err.toFile())
                            .redirectInput(
                                    stdin == null
                                            ? ProcessBuilder.Redirect.from(
                                                    new java.io.File("/dev/null"))
                                            : ProcessBuilder.Redirect.PIPE)
                            .start();
            if (stdin != null) {
                try (var in = process.getOutputStream()) {
                    in.write(stdin);
                }
            }
            // Read before waiting, so a full pipe cannot block the program.
            String out =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("did not finish within a minute: " + command);
            }
            return new Result(process.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
