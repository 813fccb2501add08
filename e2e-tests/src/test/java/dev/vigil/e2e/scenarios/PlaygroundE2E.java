package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.kubectl.Kubectl;
import dev.vigil.e2e.kubectl.KubectlResult;
import dev.vigil.e2e.node.TestAddresses;
import dev.vigil.e2e.playground.ExampleDatabases;
import dev.vigil.e2e.playground.PlaygroundCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./vigil playground}, then {@code kubectl --kubeconfig <printed path>} as a newcomer would:
 * the real API server answers ({@code version}, {@code explain mdb.spec}, {@code auth can-i} as the
 * operator's service account), every example is listed and becomes Ready within five minutes,
 * External ones (the playground supplies their databases and Secrets) and the analysed one (its
 * Prometheus and kube-state-metrics run) included, the AlertPolicy too, and the examples apply
 * again with server-side apply.
 */
class PlaygroundE2E {

    private static final Pattern KUBECONFIG = Pattern.compile("(?m)^Kubeconfig: (\\S+)$");

    @BeforeAll
    static void onlyInTheScenarioExecution() {
        E2EExtension.assumeScenarioExecution();
    }

    @Test
    void playgroundRunsTheExamplesAndTellsHowToReachThem() throws Exception {
        Path work =
                Files.createTempDirectory(
                        "vigil-playground-e2e-",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwxr-xr-x")));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        CountDownLatch stop = new CountDownLatch(1);
        Path root = E2EClusters.repositoryRoot();
        Thread playground =
                new Thread(
                        () ->
                                PlaygroundCommand.run(
                                        out,
                                        stop,
                                        "--dir",
                                        work.toString(),
                                        "--examples",
                                        root.resolve("examples").toString(),
                                        "--repository",
                                        root.toString(),
                                        // Not the playground's own addresses: one may be running.
                                        "--address-block",
                                        String.valueOf(TestAddresses.claimBlock())),
                        "playground");
        playground.start();
        try {
            Awaitility.await()
                    .atMost(120, TimeUnit.SECONDS)
                    .until(() -> KUBECONFIG.matcher(text(output)).find());
            Matcher printed = KUBECONFIG.matcher(text(output));
            assertThat(printed.find()).isTrue();
            Path kubeconfig = Path.of(printed.group(1));
            assertThat(text(output)).contains("kubectl --kubeconfig " + kubeconfig + " get mdb");
            Kubectl kubectl = Kubectl.withKubeconfig(kubeconfig);

            List<String> examples =
                    ExampleDatabases.read(root.resolve("examples")).stream()
                            .map(database -> database.getMetadata().getName())
                            .toList();
            assertThat(examples)
                    .contains("catalog", "ledger", "sessions", "payments", "orders", "checkout");
            KubectlResult listed = kubectl.run("get", "mdb").orThrow();
            assertThat(listed.stdout()).contains("PHASE").contains(examples);
            assertThat(kubectl.run("version").orThrow().stdout())
                    .containsPattern("Server Version: v1\\.\\d+\\.\\d+");
            assertThat(kubectl.run("explain", "mdb.spec").orThrow().stdout())
                    .contains("engine")
                    .contains("healthGate");
            assertThat(
                            kubectl.run(
                                            "auth",
                                            "can-i",
                                            "patch",
                                            "statefulsets",
                                            "--as=system:serviceaccount:vigil-system:vigil-operator")
                                    .stdout()
                                    .strip())
                    .isEqualTo("yes");
            assertThat(
                            kubectl.run(
                                            "auth",
                                            "can-i",
                                            "delete",
                                            "namespaces",
                                            "--as=system:serviceaccount:vigil-system:vigil-operator")
                                    .stdout()
                                    .strip())
                    .isEqualTo("no");
            // Every example, External ones and the analysed one included, within 5 minutes.
            Awaitility.await()
                    .atMost(300, TimeUnit.SECONDS)
                    .pollInterval(5, TimeUnit.SECONDS)
                    .untilAsserted(
                            () -> {
                                assertThat(
                                                kubectl.run(
                                                                "get",
                                                                "mdb",
                                                                "-o",
                                                                "jsonpath={range"
                                                                    + " .items[*]}{.metadata.name}={.status.phase}{\"\\n"
                                                                    + "\"}{end}")
                                                        .orThrow()
                                                        .stdout()
                                                        .lines())
                                        .containsExactlyInAnyOrderElementsOf(
                                                examples.stream()
                                                        .map(name -> name + "=Ready")
                                                        .toList());
                                assertThat(
                                                kubectl.run(
                                                                "get",
                                                                "alertpolicy",
                                                                "-o",
                                                                "jsonpath={range"
                                                                    + " .items[*]}{.metadata.name}={.status.conditions[?(@.type==\"Ready\")].status}{\"\\n"
                                                                    + "\"}{end}")
                                                        .orThrow()
                                                        .stdout()
                                                        .lines())
                                        .isNotEmpty()
                                        .allSatisfy(line -> assertThat(line).endsWith("=True"));
                            });
            assertThat(
                            kubectl.run(
                                            "apply",
                                            "--server-side",
                                            "-f",
                                            root.resolve("examples").toString())
                                    .orThrow()
                                    .stdout())
                    .contains("serverside-applied");
        } finally {
            stop.countDown();
            playground.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertThat(text(output)).contains("Stopping the local cluster");
    }

    private static String text(ByteArrayOutputStream output) {
        return output.toString(StandardCharsets.UTF_8);
    }
}
