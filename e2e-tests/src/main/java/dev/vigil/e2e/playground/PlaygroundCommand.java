package dev.vigil.e2e.playground;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.cluster.LocalClusterOptions;
import dev.vigil.e2e.cluster.OperatorLog;
import dev.vigil.e2e.kubectl.KubectlResult;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./vigil playground}: the local cluster with Vigil's operator and the examples applied,
 * running until Ctrl-C, for a user to try Vigil with {@code kubectl} on a machine without
 * Kubernetes.
 */
@Command(
        name = "playground",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a local cluster (a real etcd, kube-apiserver and kube-controller-manager, the"
                    + " harness's node running real PostgreSQL and postgres_exporter processes and"
                    + " the MongoDB double) with Vigil's operator, applies the examples, writes a"
                    + " kubeconfig and runs until Ctrl-C."
        })
public final class PlaygroundCommand implements Callable<Integer> {

    @Option(
            names = "--dir",
            paramLabel = "<dir>",
            description =
                    "Where the kubeconfig, the logs and the databases' volumes go. Default"
                            + " /tmp/vigil-playground (PostgreSQL runs as the postgres user,"
                            + " which must reach it).")
    Path directory = Path.of("/tmp/vigil-playground");

    @Option(
            names = "--examples",
            paramLabel = "<dir>",
            defaultValue = "${env:VIGIL_PLAYGROUND_EXAMPLES:-examples}",
            description =
                    "The manifests to apply once the cluster runs. Default examples/ (./vigil"
                            + " sets the repository's).")
    Path examples;

    @Option(
            names = "--repository",
            paramLabel = "<dir>",
            defaultValue = "${env:VIGIL_REPOSITORY_ROOT:-.}",
            description =
                    "Vigil's checkout: its crds/ are registered, its Helm chart gives the operator"
                            + " its RBAC, its scripts build the control plane. Default the current"
                            + " directory (./vigil sets it).")
    Path repository;

    @Option(
            names = "--port",
            paramLabel = "<port>",
            description = "The API server's port on 127.0.0.1. Default 0: a free port.")
    int port;

    @Option(
            names = "--namespace",
            paramLabel = "<namespace>",
            description =
                    "Where the examples are applied (it enforces the restricted Pod Security"
                            + " Standard). Default shop, the namespace the examples' comments use.")
    String namespace = "shop";

    @Option(names = "--address-block", hidden = true, description = "For tests: 127.<n>/16 pods.")
    int addressBlock;

    private final PrintStream out;
    private final CountDownLatch stop;

    public PlaygroundCommand() {
        this(System.out, null);
    }

    /**
     * @param stop when given, the playground stops once it counts down instead of at Ctrl-C
     */
    PlaygroundCommand(PrintStream out, CountDownLatch stop) {
        this.out = out;
        this.stop = stop;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new PlaygroundCommand()).execute(args));
    }

    /**
     * Runs the playground with {@code args} until {@code stop} counts down, printing to {@code
     * out}; returns the exit code. For tests, which cannot press Ctrl-C.
     */
    public static int run(PrintStream out, CountDownLatch stop, String... args) {
        return new CommandLine(new PlaygroundCommand(out, stop)).execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isDirectory(repository.resolve("crds"))) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--repository: " + repository.toAbsolutePath() + " has no crds/ directory");
        }
        LocalClusterOptions options =
                new LocalClusterOptions(
                        directory.toAbsolutePath(),
                        port,
                        repository.toAbsolutePath().normalize(),
                        true,
                        Set.of(),
                        LocalClusterOptions.FAST);
        if (addressBlock > 0) {
            options = options.withAddressBlock(addressBlock);
        }
        out.println("Starting the local cluster in " + options.workDirectory() + " ...");
        if (stop == null) {
            OperatorLog.silenceConsole();
        }
        try (LocalCluster cluster = LocalCluster.start(options)) {
            createNamespace(cluster);
            List<MonitoredDatabase> databases = ExampleDatabases.read(examples);
            PlaygroundPrometheus.start(cluster, databases, out);
            PlaygroundObjectStore.start(
                    cluster,
                    databases,
                    namespace,
                    directory.toAbsolutePath().resolve("object-store"),
                    out);
            cluster.closeWith(
                    ExternalDatabaseStandIns.supply(
                            cluster,
                            databases,
                            namespace,
                            directory.toAbsolutePath().resolve("external"),
                            out));
            applyExamples(cluster);
            printUsage(cluster);
            CountDownLatch done = stop != null ? stop : new CountDownLatch(1);
            if (stop == null) {
                // The JVM does not wait for this thread once a signal arrives: stop the cluster
                // (and its PostgreSQL and exporter processes) in the hook itself.
                Runtime.getRuntime()
                        .addShutdownHook(
                                new Thread(
                                        () -> {
                                            out.println(
                                                    "Stopping the local cluster; volumes stay in "
                                                            + directory);
                                            cluster.close();
                                        },
                                        "vigil-playground-stop"));
            }
            done.await();
            out.println("Stopping the local cluster; volumes stay in " + directory);
        }
        return 0;
    }

    /** The examples' namespace, enforcing the restricted Pod Security Standard, as kubectl's. */
    private void createNamespace(LocalCluster cluster) {
        cluster.client()
                .namespaces()
                .resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(namespace)
                                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                                .endMetadata()
                                .build())
                .serverSideApply();
        cluster.useNamespace(namespace);
    }

    private void applyExamples(LocalCluster cluster) {
        if (!Files.isDirectory(examples)) {
            out.println("No examples at " + examples.toAbsolutePath() + ": none applied.");
            return;
        }
        KubectlResult applied =
                cluster.kubectl()
                        .run(
                                "apply",
                                "--server-side",
                                "-n",
                                namespace,
                                "-f",
                                examples.toAbsolutePath().toString());
        out.print(applied.stdout());
        if (!applied.succeeded()) {
            out.println("kubectl apply of the examples failed: " + applied.stderr().strip());
        }
    }

    private void printUsage(LocalCluster cluster) {
        String kubeconfig = cluster.kubeconfig().toString();
        out.println();
        out.println("Vigil's playground is running. Its API server: " + cluster.url());
        out.println("Kubeconfig: " + kubeconfig);
        out.println();
        out.println("  export KUBECONFIG=" + kubeconfig);
        out.println("  kubectl --kubeconfig " + kubeconfig + " get mdb");
        out.println("  kubectl --kubeconfig " + kubeconfig + " describe mdb ledger");
        out.println(
                "  kubectl --kubeconfig "
                        + kubeconfig
                        + " wait --for=condition=Ready mdb/ledger --timeout=5m");
        out.println("  kubectl --kubeconfig " + kubeconfig + " get statefulsets,pods,pvc");
        out.println();
        out.println("Operator log: " + cluster.operatorLog());
        out.println("Container logs: " + cluster.kubelet().logDirectory());
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
