package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil run} as a real process against the mock API server: it logs JSON, serves its probes,
 * reconciles, and on SIGTERM stops and exits 0.
 */
class RunCommandProcessTest {

    private static final Pattern SERVING_PORT = Pattern.compile("on port (\\d+)");

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private KubernetesMockServer server;
    private KubernetesClient client;
    private Process process;
    private Thread outputReader;

    @BeforeEach
    void startApiServer() {
        server =
                new KubernetesMockServer(
                        new Context(),
                        new MockWebServer(),
                        new HashMap<>(),
                        new KubernetesCrudDispatcher(),
                        false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stopEverything() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        client.close();
        server.destroy();
    }

    @Test
    void runsUntilSigtermThenStopsAndExitsZero() throws Exception {
        process = startVigilRun("--http-port=0", "--log-format=json");

        int port =
                await().atMost(Duration.ofSeconds(60))
                        .until(this::servingPort, Optional::isPresent)
                        .orElseThrow();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get(port, "/readyz").statusCode() == 200);

        client.resource(configMap("default", "labelled")).create();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                client.configMaps()
                                        .inNamespace("default")
                                        .withName("labelled")
                                        .get()
                                        .getMetadata()
                                        .getLabels()
                                        .containsKey(RunCommandTestMain.LABEL));

        // SIGTERM, as the kubelet sends it. Not Process.destroy(): that also closes our end of
        // the process's output, losing its last log lines.
        assertThat(process.toHandle().destroy()).isTrue();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        outputReader.join(Duration.ofSeconds(10).toMillis());

        List<JsonNode> logs = jsonLines();
        assertThat(logs)
                .extracting(line -> line.path("message").asText())
                .contains("Received SIGTERM, stopping the operator", "Operator stopped");
    }

    private Process startVigilRun(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", testClassPath()));
        command.add(RunCommandTestMain.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("VIGIL_") || name.startsWith("KUBERNETES_"));
        // Only the mock server: no kubeconfig or service account of this machine.
        env.put("KUBERNETES_MASTER", client.getConfiguration().getMasterUrl());
        env.put("KUBERNETES_NAMESPACE", "default");
        env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
        env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
        Process started = builder.start();
        outputReader = new Thread(() -> collect(started), "vigil-run-output");
        outputReader.setDaemon(true);
        outputReader.start();
        return started;
    }

    private void collect(Process started) {
        try (BufferedReader lines = started.inputReader()) {
            lines.lines().forEach(output::add);
        } catch (IOException e) {
            output.add("output unreadable: " + e);
        }
    }

    private static String testClassPath() {
        // Surefire runs tests from a manifest-only jar; it passes the real class path here.
        return System.getProperty(
                "surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private Optional<Integer> servingPort() {
        for (JsonNode line : jsonLines()) {
            Matcher matcher = SERVING_PORT.matcher(line.path("message").asText());
            if (matcher.find()) {
                return Optional.of(Integer.parseInt(matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    /** Every output line must be a JSON object: that is what --log-format json promises. */
    private List<JsonNode> jsonLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output) {
            try {
                lines.add(json.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("Not a JSON log line: " + line, e);
            }
        }
        return lines;
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ConfigMap configMap(String namespace, String name) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .addToData("key", "value")
                .build();
    }
}
