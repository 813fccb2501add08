package dev.vigil.testing.kube;

import dev.vigil.testing.GoBinaries;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.Utils;
import io.fabric8.kubeapitest.binary.OSInfo;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real kube-apiserver and etcd on free ports, started by fabric8's kube-api-test in offline mode;
 * the API server listens on loopback only. The binaries are the ones {@code scripts/go-binaries.sh
 * control-plane} prints, building them from Go modules on a machine that has none yet (minutes,
 * once): kube-api-test only looks for them in its own layout, {@code
 * <dir>/k8s/<version>-<os>-<arch>/}, so a throwaway directory of that layout links to them.
 * kube-api-test also runs {@code kubectl get ns default} to see the server ready; {@code kubectl}
 * comes from the PATH.
 */
public final class RealApiServer implements AutoCloseable {

    private static final Pattern VERSION = Pattern.compile("v(\\d+\\.\\d+\\.\\d+)");

    /** A cold start on two busy cores: the API server installs its built-in objects first. */
    private static final int STARTUP_TIMEOUT_MILLIS = 180_000;

    private final KubeAPIServer server;
    private final Config config;
    private final KubernetesClient client;
    private final Path layout;

    private RealApiServer(KubeAPIServer server, Config config, Path layout) {
        this.server = server;
        this.config = config;
        this.client = new KubernetesClientBuilder().withConfig(config).build();
        this.layout = layout;
    }

    /**
     * Starts a control plane whose certificates and binary links live in {@code workDir} (a
     * temporary directory of the test); etcd keeps its data in temporary directories of its own,
     * removed on {@link #close()}.
     */
    public static RealApiServer start(Path workDir) {
        Map<String, Path> binaries = controlPlaneBinaries();
        Path apiServer = binaries.get("kube-apiserver");
        String version = versionOf(apiServer);
        Path layout = workDir.resolve("k8s").resolve(version + Utils.platformSuffix(new OSInfo()));
        try {
            Files.createDirectories(layout);
            Files.createSymbolicLink(layout.resolve("kube-apiserver"), apiServer);
            Files.createSymbolicLink(layout.resolve("etcd"), binaries.get("etcd"));
            Files.createSymbolicLink(layout.resolve("kubectl"), kubectl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KubeAPIServer server =
                new KubeAPIServer(
                        KubeAPIServerConfigBuilder.anAPIServerConfig()
                                .withTestDir(workDir.toString())
                                .withApiServerVersion(version)
                                .withOfflineMode(true)
                                .withUpdateKubeConfig(false)
                                .withWaitForEtcdHealthCheckOnStartup(true)
                                .withStartupTimeout(STARTUP_TIMEOUT_MILLIS)
                                // Loopback only; etcd listens where kube-api-test says (all
                                // addresses), on a port it picked free too.
                                .withApiServerFlag("--bind-address", "127.0.0.1")
                                .withApiServerFlag("--advertise-address", "127.0.0.1")
                                .build());
        server.start();
        return new RealApiServer(server, Config.fromKubeconfig(server.getKubeConfigYaml()), layout);
    }

    /** A client with the server's administrator certificate. */
    public KubernetesClient client() {
        return client;
    }

    /** Creates the namespace {@code name} unless it exists. */
    public void ensureNamespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.resource(
                            new NamespaceBuilder()
                                    .withNewMetadata()
                                    .withName(name)
                                    .endMetadata()
                                    .build())
                    .create();
        }
    }

    /** How to reach the server as its administrator, for clients of their own. */
    public Config config() {
        return config;
    }

    /** Stops both processes and removes the links to the binaries (never the binaries). */
    @Override
    public void close() {
        client.close();
        server.stop();
        try (Stream<Path> links = Files.list(layout)) {
            for (Path link : links.toList()) {
                Files.deleteIfExists(link);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NAME=path lines of the script, by name. */
    private static Map<String, Path> controlPlaneBinaries() {
        Map<String, Path> binaries = GoBinaries.group(GoBinaries.CONTROL_PLANE);
        for (String name : new String[] {"kube-apiserver", "etcd"}) {
            if (!binaries.containsKey(name)) {
                throw new IllegalStateException(
                        "scripts/go-binaries.sh control-plane printed no " + name);
            }
        }
        return binaries;
    }

    /** {@code 1.33.13} from {@code kube-apiserver --version} ("Kubernetes v1.33.13"). */
    private static String versionOf(Path apiServer) {
        try {
            Process process =
                    new ProcessBuilder(apiServer.toString(), "--version")
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Matcher matcher = VERSION.matcher(output);
            if (!matcher.find()) {
                throw new IllegalStateException(apiServer + " --version said: " + output);
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path kubectl() {
        Optional<Path> found =
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(dir -> !dir.isEmpty())
                        .map(dir -> Path.of(dir, "kubectl"))
                        .filter(Files::isExecutable)
                        .findFirst();
        return found.orElseThrow(
                () ->
                        new IllegalStateException(
                                "kubectl is not on the PATH: kube-api-test asks it whether the API"
                                        + " server is ready (scripts/ensure-debian-packages.sh"
                                        + " says where it comes from)"));
    }
}
