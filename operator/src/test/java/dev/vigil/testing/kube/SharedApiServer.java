package dev.vigil.testing.kube;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The one real kube-apiserver (and etcd) of a test JVM, shared by every test class that runs the
 * operator: started on first use with Vigil's CRDs installed and Established, stopped when the JVM
 * exits. Starting one costs seconds, so tests do not get a server each; they get a fresh namespace
 * each ({@link #newNamespace()}), and an operator that watches only that namespace, so they never
 * see each other's objects.
 *
 * <p>The CRDs are the ones the build generated from the Java types and bundles in the jar ({@link
 * SchemaDefaults#CRD_RESOURCE_DIR}), so the server validates what this code would write. Nothing
 * runs beside the server: no controllers, no garbage collector, no namespace deletion. Tests play
 * the controllers they need ({@link StatefulSetSimulator}); namespaces and their objects stay until
 * the JVM exits. Cluster-wide objects a test adds (other CRDs) go through {@link TemporaryCrds},
 * which removes them again.
 */
public final class SharedApiServer {

    private static SharedApiServer instance;

    private final RealApiServer server;
    private final Path workDir;
    private final AtomicInteger namespaces = new AtomicInteger();

    private SharedApiServer(RealApiServer server, Path workDir) {
        this.server = server;
        this.workDir = workDir;
    }

    /** The server of this JVM, started (with Vigil's CRDs) by the first call. */
    public static synchronized SharedApiServer get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(instance::stop, "vigil-shared-api-server-stop"));
        }
        return instance;
    }

    private static SharedApiServer start() {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("vigil-api-server");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SharedApiServer shared = new SharedApiServer(RealApiServer.start(workDir), workDir);
        for (Class<? extends CustomResource<?, ?>> kind :
                List.<Class<? extends CustomResource<?, ?>>>of(
                        MonitoredDatabase.class, AlertPolicy.class)) {
            shared.installBundledCrd(kind);
        }
        return shared;
    }

    private void installBundledCrd(Class<? extends CustomResource<?, ?>> kind) {
        String path = SchemaDefaults.CRD_RESOURCE_DIR + CustomResource.getCRDName(kind) + "-v1.yml";
        try (InputStream in = SharedApiServer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(
                        path + " is not on the classpath: the build bundles it (process-classes)");
            }
            Crds.install(client(), Crds.load(client(), in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** A client with the administrator's certificate: the tests' own. */
    public KubernetesClient client() {
        return server.client();
    }

    /**
     * A new client of its own, as the administrator, whose write requests {@code writes} records;
     * the caller closes it.
     */
    public KubernetesClient newClient(WriteRecorder writes) {
        return new KubernetesClientBuilder()
                .withConfig(server.config())
                .withHttpClientBuilderConsumer(
                        builder -> builder.addOrReplaceInterceptor(WriteRecorder.NAME, writes))
                .build();
    }

    /** Creates a namespace no test has used yet, and returns its name. */
    public String newNamespace() {
        String name = "test-" + namespaces.incrementAndGet();
        server.ensureNamespace(name);
        return name;
    }

    private void stop() {
        server.close();
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover temporary directory is no reason to fail the JVM's exit.
            System.err.println("vigil: could not remove " + workDir + ": " + e);
        }
    }
}
