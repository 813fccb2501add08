package dev.vigil.runtime;

import dev.vigil.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code vigil run} runs: the JOSDK operator configured from {@link OperatorSettings},
 * its Prometheus metrics, and the HTTP endpoints for metrics and probes.
 *
 * <p>The operator gets the given client, {@code reconcileConcurrency} reconciliation threads,
 * JOSDK's Micrometer metrics plus JVM meters, server-side apply, the watched namespaces on every
 * controller, and, when enabled, leader election on a Lease. {@link #start()} serves the HTTP
 * endpoints first, so the kubelet's liveness probe is answered while the informers sync, then
 * starts the operator. {@link #close()} stops the operator, waiting at most the stop grace period
 * for reconciliations in flight, then the endpoints. The client belongs to the caller, who closes
 * it after this runtime.
 */
public final class VigilOperatorRuntime implements AutoCloseable {

    /** How long {@link #close()} waits for reconciliations in flight by default. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(VigilOperatorRuntime.class);

    private final OperatorSettings settings;
    private final OperatorMetrics metrics;
    private final Operator operator;
    private final OperatorHealth health;
    private final HttpEndpoints endpoints;
    private volatile boolean closing;
    private boolean closed;

    /** A runtime that waits {@link #DEFAULT_STOP_GRACE} for reconciliations when closed. */
    public VigilOperatorRuntime(
            OperatorSettings settings,
            KubernetesClient client,
            ReconcilerRegistration registration) {
        this(settings, client, registration, DEFAULT_STOP_GRACE);
    }

    /**
     * Configures the operator and registers the reconcilers; nothing runs until {@link #start()}.
     *
     * @param stopGrace how long {@link #close()} waits for reconciliations in flight
     */
    public VigilOperatorRuntime(
            OperatorSettings settings,
            KubernetesClient client,
            ReconcilerRegistration registration,
            Duration stopGrace) {
        this.settings = settings;
        this.metrics = new OperatorMetrics();
        try {
            this.operator =
                    new NamespaceScopedOperator(
                            settings.watchedNamespaces(),
                            overrider -> configure(overrider, client, stopGrace));
            registration.register(operator, client, metrics.registry());
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        this.health = new OperatorHealth(operator);
        this.endpoints =
                new HttpEndpoints(
                        settings.httpAddress(), settings.httpPort(), metrics.registry(), health);
    }

    private void configure(
            ConfigurationServiceOverrider overrider, KubernetesClient client, Duration stopGrace) {
        overrider
                .withKubernetesClient(client)
                // The caller built the client and closes it; JOSDK must not close it under them.
                .withCloseClientOnStop(false)
                .withConcurrentReconciliationThreads(settings.reconcileConcurrency())
                .withReconciliationTerminationTimeout(stopGrace)
                .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics.registry()))
                // Server-side apply, as for every object Vigil writes (JOSDK's default, relied on).
                .withUseSSAToPatchPrimaryResource(true)
                .withSSABasedCreateUpdateMatchForDependentResources(true);
        if (settings.leaderElection()) {
            overrider.withLeaderElectionConfiguration(leaderElection());
        }
    }

    /**
     * JOSDK's leader election, except for what happens when leadership ends. JOSDK exits the JVM
     * whenever the elector stops, including when {@link Operator#stop()} cancels it during a
     * graceful shutdown, which would turn every SIGTERM into exit code 1. Here only a lost Lease
     * exits: a replica that cannot renew must stop reconciling at once, since another one leads.
     */
    private LeaderElectionConfiguration leaderElection() {
        LeaderCallbacks callbacks =
                new LeaderCallbacks(
                        () -> LOG.info("Acquired Lease {}: reconciling", settings.leaseName()),
                        this::leadershipEnded,
                        leader -> LOG.info("Lease {} held by {}", settings.leaseName(), leader));
        return new LeaderElectionConfiguration(
                settings.leaseName(),
                settings.leaseNamespace(),
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                leaseHolderIdentity(),
                callbacks,
                false);
    }

    /**
     * The pod name (its hostname) plus a unique suffix, as Kubernetes' own controllers do: the
     * Lease shows which pod leads, and two processes never share an identity, even with the same
     * hostname (a restarted container, two operators started side by side on one machine).
     */
    private static String leaseHolderIdentity() {
        String hostname = System.getenv("HOSTNAME");
        String prefix = hostname == null || hostname.isBlank() ? "vigil" : hostname;
        return prefix + "_" + UUID.randomUUID();
    }

    private void leadershipEnded() {
        if (closing) {
            LOG.info("Released Lease {} on shutdown", settings.leaseName());
            return;
        }
        LOG.error(
                "Lost Lease {}: exiting so that only the new leader reconciles",
                settings.leaseName());
        System.exit(1);
    }

    /**
     * Serves the HTTP endpoints, then starts the operator. Without leader election this returns
     * once the informers have synced; with it, once this replica is a leader or a standby.
     *
     * @throws io.javaoperatorsdk.operator.OperatorException when the operator cannot start; {@code
     *     /healthz} then answers 503 until {@link #close()}
     */
    public synchronized void start() {
        endpoints.start();
        LOG.info(
                "Starting the operator: namespaces {}, {} reconciliation threads, leader election"
                        + " {}",
                settings.watchesAllNamespaces() ? "all" : settings.watchedNamespaces(),
                settings.reconcileConcurrency(),
                settings.leaderElection() ? "on (Lease " + settings.leaseName() + ")" : "off");
        try {
            operator.start();
        } catch (RuntimeException e) {
            health.startupFailed(e);
            throw e;
        }
    }

    /** The port of /metrics, /healthz and /readyz; only after {@link #start()}. */
    public int httpPort() {
        return endpoints.port();
    }

    /** The JOSDK operator, with the reconcilers registered. */
    public Operator operator() {
        return operator;
    }

    /** The registry behind /metrics. */
    public PrometheusMeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /** Stops the operator (bounded by the stop grace), then the endpoints. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        try {
            operator.stop();
        } catch (RuntimeException e) {
            LOG.warn("The operator did not stop cleanly", e);
        } finally {
            endpoints.close();
            metrics.close();
        }
        LOG.info("Operator stopped");
    }
}
