package dev.vigil.e2e.cluster;

import dev.vigil.names.DatabaseAddressResolver;
import dev.vigil.reconciler.ReconcileIntervals;
import dev.vigil.reconciler.VigilReconcilers;
import dev.vigil.runtime.OperatorSettings;
import dev.vigil.runtime.VigilOperatorRuntime;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Vigil's operator as {@code vigil run} runs it (the same reconcilers, {@link VigilOperatorRuntime}
 * with its metrics and probe endpoints), in this JVM, against the local cluster: server-side apply
 * on, as in production, authenticated with the token of the Helm chart's ServiceAccount (so it has
 * exactly the chart's RBAC), database addresses resolved through the cluster's simulated DNS. It
 * can be stopped and started again, as a pod of the operator is killed and rescheduled; each start
 * is a new process as far as the API server can tell (new client, new informers, no memory of the
 * last run).
 */
public final class HarnessOperator implements AutoCloseable {

    /** The operator's User-Agent, so the API server's call log tells its calls apart. */
    public static final String USER_AGENT = "vigil-operator/e2e";

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** Reconciles at once in the tests' operator: two, for the tests' 2-core machines. */
    public static final int TEST_CONCURRENCY = 2;

    private final Config clientConfig;
    private final DatabaseAddressResolver dns;
    private final ReconcileIntervals intervals;
    private final int reconcileConcurrency;
    private KubernetesClient client;
    private VigilOperatorRuntime runtime;

    public HarnessOperator(
            Config clientConfig, DatabaseAddressResolver dns, ReconcileIntervals intervals) {
        this(clientConfig, dns, intervals, TEST_CONCURRENCY);
    }

    /**
     * An operator with the chart's settings (every namespace, server-side apply, one replica
     * without election) and {@code reconcileConcurrency} reconciles at once.
     */
    public HarnessOperator(
            Config clientConfig,
            DatabaseAddressResolver dns,
            ReconcileIntervals intervals,
            int reconcileConcurrency) {
        this.clientConfig = clientConfig;
        this.dns = dns;
        this.intervals = intervals;
        this.reconcileConcurrency = reconcileConcurrency;
    }

    /** Starts the operator; returns once its informers have synced. */
    public synchronized void start() {
        if (runtime != null) {
            return;
        }
        OperatorSettings settings =
                new OperatorSettings(
                        Set.of(),
                        reconcileConcurrency,
                        false,
                        "vigil-operator-lock",
                        null,
                        0,
                        OperatorSettings.LogFormat.PLAIN,
                        "cluster.local");
        client = new KubernetesClientBuilder().withConfig(clientConfig).build();
        try {
            runtime =
                    new VigilOperatorRuntime(
                            settings,
                            client,
                            VigilReconcilers.registration(
                                    settings, dns, Clock.systemUTC(), intervals),
                            STOP_GRACE);
            runtime.start();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Stops the operator, as a SIGTERM to its pod would: reconciliations in flight get a few
     * seconds, then the informers stop and the client closes.
     */
    public synchronized void stop() {
        try {
            if (runtime != null) {
                runtime.close();
            }
        } finally {
            runtime = null;
            if (client != null) {
                client.close();
                client = null;
            }
        }
    }

    public synchronized boolean running() {
        return runtime != null;
    }

    @Override
    public void close() {
        stop();
    }
}
