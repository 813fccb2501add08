package dev.vigil.e2e.scenarios;

import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.cluster.LocalClusterOptions;
import dev.vigil.e2e.kubectl.Kubectl;
import dev.vigil.e2e.node.TestAddresses;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The one cluster all scenarios of a test run share, started on first use and stopped when the JVM
 * ends. Each scenario works in its own namespace, so sharing it is safe and saves the start.
 */
final class E2EClusters {

    /** {@code -De2e.target=cluster} runs against {@code KUBECONFIG}; anything else, locally. */
    static final String TARGET_PROPERTY = "e2e.target";

    private static E2ECluster shared;

    private E2EClusters() {}

    static synchronized E2ECluster shared() {
        if (shared == null) {
            shared =
                    "cluster".equals(System.getProperty(TARGET_PROPERTY))
                            ? new ExistingCluster()
                            : new Local(startLocal());
        }
        return shared;
    }

    /** The repository's root, where crds/ and examples/ are. */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("vigil.repository.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    private static LocalCluster startLocal() {
        Path work = workDirectory();
        LocalCluster cluster =
                LocalCluster.start(
                        LocalClusterOptions.defaults(work, repositoryRoot())
                                .withAddressBlock(TestAddresses.claimBlock()));
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "e2e-cluster-stop"));
        return cluster;
    }

    /**
     * A local cluster of this JVM's own without Vigil (no CRDs, RBAC or operator of the harness's),
     * for a scenario that installs the chart itself; the caller closes it.
     */
    static LocalCluster startLocalWithoutOperator() {
        return LocalCluster.startWithoutOperator(
                LocalClusterOptions.defaults(workDirectory(), repositoryRoot())
                        .withAddressBlock(TestAddresses.claimBlock()));
    }

    /**
     * A fresh directory under the system's temporary directory: PostgreSQL pods run as the {@code
     * postgres} user, which must reach their volumes, and a checkout's parents may be closed to it.
     */
    private static Path workDirectory() {
        try {
            Path dir =
                    Files.createTempDirectory(
                            "vigil-e2e-",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rwxr-xr-x")));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scenario's view of a local cluster. */
    record Local(LocalCluster cluster) implements E2ECluster {

        @Override
        public KubernetesClient client() {
            return cluster.client();
        }

        @Override
        public Kubectl kubectl() {
            return cluster.kubectl();
        }

        @Override
        public Optional<LocalCluster> local() {
            return Optional.of(cluster);
        }

        @Override
        public String describe() {
            return "local cluster at "
                    + cluster.url()
                    + ", operator log "
                    + cluster.operatorLog()
                    + ", container logs "
                    + cluster.kubelet().logDirectory();
        }
    }

    /** A real cluster (kind in CI) with Vigil's CRDs and operator installed by Helm. */
    private static final class ExistingCluster implements E2ECluster {

        private final KubernetesClient client = new KubernetesClientBuilder().build();
        private final Kubectl kubectl;

        ExistingCluster() {
            String kubeconfig = System.getenv("KUBECONFIG");
            if (kubeconfig == null || kubeconfig.isBlank()) {
                throw new IllegalStateException(
                        "-De2e.target=cluster needs KUBECONFIG pointing at the cluster to test");
            }
            kubectl = Kubectl.withKubeconfig(Path.of(kubeconfig.split(":")[0]));
        }

        @Override
        public KubernetesClient client() {
            return client;
        }

        @Override
        public Kubectl kubectl() {
            return kubectl;
        }

        @Override
        public Optional<LocalCluster> local() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "cluster at " + client.getMasterUrl();
        }
    }
}
