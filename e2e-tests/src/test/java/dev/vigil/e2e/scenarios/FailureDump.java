package dev.vigil.e2e.scenarios;

import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.kubectl.KubectlResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a failed scenario leaves behind for whoever reads the CI log: the namespace's objects (as
 * {@code kubectl get} tables and YAML), its Events, the operator's log and every container log of
 * the namespace, under {@code target/e2e-dumps/<class>/<method>/}, plus a summary on stderr.
 */
final class FailureDump {

    private static final String KINDS =
            "monitoreddatabases,alertpolicies,statefulsets,deployments,pods,services,"
                + "persistentvolumeclaims,configmaps,networkpolicies,poddisruptionbudgets,cronjobs,jobs";

    private FailureDump() {}

    static void write(Scenario scenario, ExtensionContext context) {
        Path dir =
                Path.of(
                        "target",
                        "e2e-dumps",
                        context.getRequiredTestClass().getSimpleName(),
                        context.getRequiredTestMethod().getName());
        try {
            Files.createDirectories(dir);
            save(dir.resolve("objects.txt"), scenario.kubectl("get", KINDS, "-o", "wide"));
            save(dir.resolve("objects.yaml"), scenario.kubectl("get", KINDS, "-o", "yaml"));
            save(dir.resolve("events.txt"), scenario.kubectl("get", "events"));
            save(
                    dir.resolve("describe-mdb.txt"),
                    scenario.kubectl("describe", "monitoreddatabases"));
            if (scenario.cluster().local().isPresent()) {
                copyLogs(scenario.cluster().local().get(), scenario.namespace(), dir);
            }
            System.err.println(
                    "e2e: scenario "
                            + context.getDisplayName()
                            + " failed in namespace "
                            + scenario.namespace()
                            + "; objects and logs in "
                            + dir.toAbsolutePath()
                            + " ("
                            + scenario.cluster().describe()
                            + ")");
            System.err.println(scenario.kubectl("get", KINDS, "-o", "wide").stdout());
            System.err.println(scenario.kubectl("get", "events").stdout());
        } catch (IOException | RuntimeException e) {
            System.err.println("e2e: could not dump " + scenario.namespace() + ": " + e);
        }
    }

    private static void save(Path file, KubectlResult result) throws IOException {
        Files.writeString(file, result.stdout() + result.stderr());
    }

    private static void copyLogs(LocalCluster cluster, String namespace, Path dir)
            throws IOException {
        Path operatorLog = cluster.operatorLog();
        if (Files.exists(operatorLog)) {
            List<String> lines = Files.readAllLines(operatorLog);
            Files.write(
                    dir.resolve("operator.log"),
                    lines.subList(Math.max(0, lines.size() - 2000), lines.size()));
        }
        Path containers = cluster.kubelet().logDirectory().resolve(namespace);
        if (!Files.isDirectory(containers)) {
            return;
        }
        try (Stream<Path> files = Files.walk(containers)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve("containers").resolve(containers.relativize(log));
                Files.createDirectories(target.getParent());
                Files.copy(log, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
