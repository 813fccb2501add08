package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.kubectl.Kubectl;
import dev.vigil.e2e.kubectl.KubectlResult;
import dev.vigil.e2e.node.TestAddresses;
import dev.vigil.e2e.playground.PlaygroundCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./vigil playground}, then {@code kubectl --kubeconfig <printed path> get mdb}: the
 * examples are listed with their phase, and the examples Vigil runs become Ready.
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
                                        "--crds",
                                        root.resolve("crds").toString(),
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

            KubectlResult listed = kubectl.run("get", "mdb").orThrow();
            assertThat(listed.stdout())
                    .contains("PHASE")
                    .contains("catalog")
                    .contains("ledger")
                    .contains("sessions")
                    .contains("payments");
            Awaitility.await()
                    .atMost(240, TimeUnit.SECONDS)
                    .pollInterval(2, TimeUnit.SECONDS)
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    kubectl.run(
                                                                    "get",
                                                                    "mdb",
                                                                    "sessions",
                                                                    "ledger",
                                                                    "-o",
                                                                    "jsonpath={.items[*].status.phase}")
                                                            .orThrow()
                                                            .stdout())
                                            .isEqualTo("Ready Ready"));
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
