package dev.vigil.testing.kube;

import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.SecureRandomCredentials;
import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.exporter.HttpExporterProbe;
import dev.vigil.engine.mongodb.DriverMongoReplicaSetClient;
import dev.vigil.engine.postgres.JdbcPostgresClient;
import dev.vigil.metrics.DatabaseMetrics;
import dev.vigil.names.DatabaseAddressResolver;
import dev.vigil.reconciler.AlertPolicyReconciler;
import dev.vigil.reconciler.MonitoredDatabaseReconciler;
import dev.vigil.reconciler.ReconcileIntervals;
import dev.vigil.runtime.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * Vigil's reconciler running in JOSDK against a {@link MockApiServer} (SSA off), with the given
 * database clients, short requeue intervals, and a {@link StatefulSetSimulator} for the test to
 * play the controllers.
 */
public final class RunningOperator implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private final MockApiServer api = new MockApiServer();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MonitoredDatabaseReconciler reconciler;
    private final Operator operator;

    public RunningOperator(DatabaseClients clients, CredentialGenerator credentials, Clock clock) {
        reconciler =
                new MonitoredDatabaseReconciler(
                        OperatorSettings.forTests(),
                        clients,
                        credentials,
                        clock,
                        new ReconcileIntervals(INTERVAL, INTERVAL, INTERVAL),
                        new DatabaseMetrics(registry));
        operator =
                new Operator(
                        o ->
                                o.withKubernetesClient(api.client())
                                        .withUseSSAToPatchPrimaryResource(false)
                                        .withCloseClientOnStop(false));
        operator.register(reconciler);
        operator.register(new AlertPolicyReconciler(clock));
        operator.start();
    }

    /**
     * The real clients of every engine, reaching members and exporters through {@code resolver}.
     */
    public static DatabaseClients clients(DatabaseAddressResolver resolver, Duration timeout) {
        return new DatabaseClients(
                new DriverMongoReplicaSetClient(resolver, timeout),
                new JdbcPostgresClient(resolver, timeout),
                new HttpExporterProbe(resolver, timeout));
    }

    /**
     * An operator whose databases never answer (their names do not resolve): for tests of what it
     * does with the API server only.
     */
    public static RunningOperator withoutDatabases() {
        return new RunningOperator(
                clients(InetSocketAddress::createUnresolved, Duration.ofSeconds(1)),
                new SecureRandomCredentials(),
                Clock.systemUTC());
    }

    public KubernetesClient client() {
        return api.client();
    }

    public MockApiServer api() {
        return api;
    }

    /** The meters the reconciler records. */
    public SimpleMeterRegistry registry() {
        return registry;
    }

    public MonitoredDatabaseReconciler reconciler() {
        return reconciler;
    }

    public StatefulSetSimulator statefulSets() {
        return new StatefulSetSimulator(api.client());
    }

    @Override
    public void close() {
        operator.stop();
        api.close();
    }
}
