package dev.vigil.reconciler;

import dev.vigil.credentials.SecureRandomCredentials;
import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.exporter.HttpExporterProbe;
import dev.vigil.engine.mongodb.DriverMongoReplicaSetClient;
import dev.vigil.engine.postgres.HttpBackupAgentClient;
import dev.vigil.engine.postgres.JdbcPostgresClient;
import dev.vigil.metrics.DatabaseMetrics;
import dev.vigil.names.DatabaseAddressResolver;
import dev.vigil.rollout.analysis.HttpPrometheusQueries;
import dev.vigil.runtime.OperatorSettings;
import dev.vigil.runtime.ReconcilerRegistration;
import java.time.Clock;
import java.time.Duration;

/**
 * The one place where Vigil's reconcilers are put together and registered: {@code vigil run} uses
 * it with the cluster's own DNS, the end-to-end harness with its simulated one.
 */
public final class VigilReconcilers {

    /**
     * How long a database call may wait for a member: short, as an unreachable member costs this
     * much per pass.
     */
    public static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(5);

    private VigilReconcilers() {}

    /**
     * Every reconciler of the operator, reaching databases and exporters through {@code resolver}
     * (in a cluster, {@link DatabaseAddressResolver#IN_CLUSTER}), reading time from {@code clock}.
     * The database reconciler takes the cluster's domain and network from {@code settings}.
     */
    public static ReconcilerRegistration registration(
            OperatorSettings settings,
            DatabaseAddressResolver resolver,
            Clock clock,
            ReconcileIntervals intervals) {
        return (operator, client, registry) -> {
            operator.register(new AlertPolicyReconciler(clock));
            operator.register(
                    new MonitoredDatabaseReconciler(
                            settings,
                            clients(resolver),
                            new SecureRandomCredentials(),
                            clock,
                            intervals,
                            new DatabaseMetrics(registry)));
        };
    }

    /** The real client of every engine, reaching members and exporters through {@code resolver}. */
    public static DatabaseClients clients(DatabaseAddressResolver resolver) {
        return new DatabaseClients(
                new DriverMongoReplicaSetClient(resolver, DATABASE_TIMEOUT),
                new JdbcPostgresClient(resolver, DATABASE_TIMEOUT),
                new HttpExporterProbe(resolver, DATABASE_TIMEOUT),
                new HttpPrometheusQueries(resolver, DatabaseClients.PROMETHEUS_TIMEOUT),
                new HttpBackupAgentClient(resolver, DatabaseClients.BACKUP_AGENT_TIMEOUT));
    }
}
