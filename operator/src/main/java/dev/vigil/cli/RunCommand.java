package dev.vigil.cli;

import dev.vigil.engine.DatabaseAddressResolver;
import dev.vigil.reconciler.ReconcileIntervals;
import dev.vigil.reconciler.VigilReconcilers;
import dev.vigil.runtime.InvalidSettingException;
import dev.vigil.runtime.LoggingSetup;
import dev.vigil.runtime.OperatorSettings;
import dev.vigil.runtime.OperatorSettingsResolver;
import dev.vigil.runtime.ReconcilerRegistration;
import dev.vigil.runtime.RunFlags;
import dev.vigil.runtime.VigilOperatorRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil run}: runs the operator until SIGTERM or SIGINT, then stops it and exits 0.
 *
 * <p>Every option falls back to an environment variable, then to a default; a bad value is a usage
 * error (exit code 2) that names the flag or variable. Exit code 1 means the operator could not
 * start (no API server, missing RBAC, no Lease namespace...).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run the operator against the cluster of the kubeconfig or the pod.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--namespaces",
            paramLabel = "<ns>[,<ns>...]",
            description = "Namespaces to watch; empty for all. Env: VIGIL_WATCH_NAMESPACES.")
    String namespaces;

    @Option(
            names = "--reconcile-concurrency",
            paramLabel = "<n>",
            description =
                    "Resources reconciled at once, at least 1. Default 5."
                            + " Env: VIGIL_RECONCILE_CONCURRENCY.")
    String reconcileConcurrency;

    @Option(
            names = "--leader-election",
            arity = "0..1",
            fallbackValue = "true",
            paramLabel = "<true|false>",
            description =
                    "Reconcile only while holding a Lease. Default: true inside a cluster."
                            + " Env: VIGIL_LEADER_ELECTION.")
    String leaderElection;

    @Option(
            names = "--lease-name",
            paramLabel = "<name>",
            description = "Name of the Lease. Default vigil-operator-lock. Env: VIGIL_LEASE_NAME.")
    String leaseName;

    @Option(
            names = "--lease-namespace",
            paramLabel = "<ns>",
            description =
                    "Namespace of the Lease. Default: the pod's namespace."
                            + " Env: VIGIL_LEASE_NAMESPACE.")
    String leaseNamespace;

    @Option(
            names = "--http-port",
            paramLabel = "<port>",
            description =
                    "Port of /metrics, /healthz and /readyz. Default 8080."
                            + " Env: VIGIL_HTTP_PORT.")
    String httpPort;

    @Option(
            names = "--http-address",
            paramLabel = "<ip>",
            description =
                    "IP address the HTTP port is bound on. Default: every interface."
                            + " Env: VIGIL_HTTP_ADDRESS.")
    String httpAddress;

    @Option(
            names = "--log-format",
            paramLabel = "<plain|json>",
            description =
                    "Log as plain text or one JSON object per line. Default plain."
                            + " Env: VIGIL_LOG_FORMAT.")
    String logFormat;

    @Option(
            names = "--cluster-domain",
            paramLabel = "<domain>",
            description =
                    "The cluster's DNS domain, in the members' stable addresses. Default"
                            + " cluster.local. Env: VIGIL_CLUSTER_DOMAIN.")
    String clusterDomain;

    @Option(
            names = "--operator-pod-labels",
            paramLabel = "<key=value,...>",
            description =
                    "Labels of the operator's own pods, which the databases' NetworkPolicies let"
                            + " in. Default app.kubernetes.io/name=vigil-operator (the chart sets"
                            + " its own). Env: VIGIL_OPERATOR_POD_LABELS.")
    String operatorPodLabels;

    @Option(
            names = "--prometheus-namespace-labels",
            paramLabel = "<key=value,...>",
            description =
                    "Labels of the namespace of the Prometheus that scrapes databases whose spec"
                            + " names none. Default kubernetes.io/metadata.name=monitoring."
                            + " Env: VIGIL_PROMETHEUS_NAMESPACE_LABELS.")
    String prometheusNamespaceLabels;

    @Option(
            names = "--prometheus-pod-labels",
            paramLabel = "<key=value,...>",
            description =
                    "Labels of that Prometheus's pods. Default app.kubernetes.io/name=prometheus."
                            + " Env: VIGIL_PROMETHEUS_POD_LABELS.")
    String prometheusPodLabels;

    @Option(
            names = "--dns-namespace",
            paramLabel = "<namespace>",
            description =
                    "Namespace of the cluster DNS, which the members may query. Default"
                            + " kube-system. Env: VIGIL_DNS_NAMESPACE.")
    String dnsNamespace;

    @Option(
            names = "--dns-pod-labels",
            paramLabel = "<key=value,...>",
            description =
                    "Labels of the cluster DNS pods. Default k8s-app=kube-dns."
                            + " Env: VIGIL_DNS_POD_LABELS.")
    String dnsPodLabels;

    private final OperatorSettingsResolver resolver;

    private final Function<OperatorSettings, ReconcilerRegistration> reconcilers;

    /** The command as {@code vigil run} runs it: the process environment, Vigil's reconcilers. */
    public RunCommand() {
        this(OperatorSettingsResolver.fromProcessEnvironment(), RunCommand::reconcilers);
    }

    /**
     * @param resolver where settings come from besides the flags
     * @param reconcilers the registration to run, given the resolved settings
     */
    RunCommand(
            OperatorSettingsResolver resolver,
            Function<OperatorSettings, ReconcilerRegistration> reconcilers) {
        this.resolver = resolver;
        this.reconcilers = reconcilers;
    }

    /**
     * The reconcilers {@code vigil run} registers ({@link VigilReconcilers}, the one place where a
     * reconciler is added), reaching databases through the cluster's own DNS.
     */
    static ReconcilerRegistration reconcilers(OperatorSettings settings) {
        return VigilReconcilers.registration(
                settings,
                DatabaseAddressResolver.IN_CLUSTER,
                Clock.systemUTC(),
                ReconcileIntervals.DEFAULT);
    }

    /** The settings these flags and the environment resolve to. */
    OperatorSettings settings() {
        try {
            return resolver.resolve(
                    new RunFlags(
                            namespaces,
                            reconcileConcurrency,
                            leaderElection,
                            leaseName,
                            leaseNamespace,
                            httpPort,
                            httpAddress,
                            logFormat,
                            clusterDomain,
                            new RunFlags.NetworkFlags(
                                    operatorPodLabels,
                                    prometheusNamespaceLabels,
                                    prometheusPodLabels,
                                    dnsNamespace,
                                    dnsPodLabels)));
        } catch (InvalidSettingException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        OperatorSettings settings = settings();
        LoggingSetup.apply(settings.logFormat());
        TerminationSignals signals = TerminationSignals.install();
        try (KubernetesClient client = new KubernetesClientBuilder().build();
                VigilOperatorRuntime runtime =
                        new VigilOperatorRuntime(settings, client, reconcilers.apply(settings))) {
            // For a shutdown we did not start ourselves (System.exit, a signal we do not
            // handle): stop reconciling and release the Lease before the JVM goes.
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "vigil-shutdown"));
            try {
                runtime.start();
            } catch (RuntimeException e) {
                LOG.error("The operator could not start", e);
                return 1;
            }
            LOG.info("Received {}, stopping the operator", signals.await());
        }
        return 0;
    }
}
