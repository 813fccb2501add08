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
import java.util.Set;

/**
 * Vigil's reconcilers running in JOSDK against the {@link SharedApiServer}, as in production:
 * JOSDK's defaults (server-side apply on), Vigil's test settings, and every controller watching one
 * namespace of this operator's own. It has the given database clients, short requeue intervals, and
 * a {@link StatefulSetSimulator} for the test to play the controllers.
 *
 * <p>The operator has a client of its own whose write requests are recorded ({@link #writes()});
 * the test's client ({@link #client()}) is another one, so the test's own writes are not counted.
 */
public final class RunningOperator implements AutoCloseable {

    /** Where the operator under test says the runbooks are, not the default, so tests see it. */
    public static final String RUNBOOK_BASE_URL = "https://runbooks.test.example/vigil/";

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private final SharedApiServer api = SharedApiServer.get();
    private final String namespace;
    private final WriteRecorder writes = new WriteRecorder();
    private final KubernetesClient operatorClient = api.newClient(writes);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MonitoredDatabaseReconciler reconciler;
    private final Operator operator;

    /** An operator of a namespace of its own. */
    public RunningOperator(DatabaseClients clients, CredentialGenerator credentials, Clock clock) {
        this(SharedApiServer.get().newNamespace(), clients, credentials, clock);
    }

    /**
     * An operator of {@code namespace}, made by {@link SharedApiServer#newNamespace()}: for tests
     * that need its name before the operator starts (database doubles that answer at the members'
     * addresses, which name it).
     */
    public RunningOperator(
            String namespace,
            DatabaseClients clients,
            CredentialGenerator credentials,
            Clock clock) {
        this.namespace = namespace;
        OperatorSettings settings = settings(namespace);
        reconciler =
                new MonitoredDatabaseReconciler(
                        settings,
                        clients,
                        credentials,
                        clock,
                        new ReconcileIntervals(INTERVAL, INTERVAL, INTERVAL),
                        new DatabaseMetrics(registry));
        // As VigilOperatorRuntime configures it, but for the metrics and the HTTP endpoints.
        operator =
                new Operator(
                        o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false));
        operator.register(new AlertPolicyReconciler(clock), o -> o.settingNamespace(namespace));
        operator.register(reconciler, o -> o.settingNamespace(namespace));
        operator.start();
    }

    /** The test settings, but watching {@code namespace}. */
    private static OperatorSettings settings(String namespace) {
        OperatorSettings tests = OperatorSettings.forTests();
        return new OperatorSettings(
                Set.of(namespace),
                tests.reconcileConcurrency(),
                tests.leaderElection(),
                tests.leaseName(),
                tests.leaseNamespace(),
                tests.httpPort(),
                tests.httpAddress(),
                tests.logFormat(),
                tests.clusterDomain(),
                tests.network(),
                RUNBOOK_BASE_URL);
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

    /** The namespace this operator watches, and the only one. */
    public String namespace() {
        return namespace;
    }

    /** The test's client: the administrator's, not the operator's. */
    public KubernetesClient client() {
        return api.client();
    }

    /** The write requests of the operator's own client. */
    public WriteRecorder writes() {
        return writes;
    }

    /** The meters the reconciler records. */
    public SimpleMeterRegistry registry() {
        return registry;
    }

    public MonitoredDatabaseReconciler reconciler() {
        return reconciler;
    }

    public StatefulSetSimulator statefulSets() {
        return new StatefulSetSimulator(client());
    }

    /** Stops the operator; its namespace and objects stay (the server deletes no namespace). */
    @Override
    public void close() {
        operator.stop();
        operatorClient.close();
    }
}
