package dev.vigil.engine;

import dev.vigil.engine.exporter.ExporterProbe;
import dev.vigil.engine.mongodb.MongoReplicaSetClient;
import dev.vigil.engine.postgres.BackupAgentClient;
import dev.vigil.engine.postgres.HttpBackupAgentClient;
import dev.vigil.engine.postgres.PostgresClient;
import dev.vigil.names.DatabaseAddressResolver;
import dev.vigil.rollout.analysis.HttpPrometheusQueries;
import dev.vigil.rollout.analysis.PrometheusQueries;
import java.time.Duration;

/**
 * Every client through which Vigil talks to databases, exporters and Prometheus, so that tests can
 * put doubles or local servers behind each.
 *
 * @param mongo MongoDB replica sets
 * @param postgres PostgreSQL members
 * @param exporters exporters' {@code /metrics}
 * @param prometheus the health gate's analysis queries
 * @param backups PostgreSQL members' backup agents
 */
public record DatabaseClients(
        MongoReplicaSetClient mongo,
        PostgresClient postgres,
        ExporterProbe exporters,
        PrometheusQueries prometheus,
        BackupAgentClient backups) {

    /** How long a backup agent may take to report. */
    public static final Duration BACKUP_AGENT_TIMEOUT = Duration.ofSeconds(5);

    /** How long an analysis query may take before it counts as inconclusive. */
    public static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(10);

    /** The given clients, and analyses queried over HTTP at the URL each database names. */
    public DatabaseClients(
            MongoReplicaSetClient mongo, PostgresClient postgres, ExporterProbe exporters) {
        this(mongo, postgres, exporters, new HttpPrometheusQueries(PROMETHEUS_TIMEOUT));
    }

    /** The given clients, and backup agents asked over HTTP where their members' names point. */
    public DatabaseClients(
            MongoReplicaSetClient mongo,
            PostgresClient postgres,
            ExporterProbe exporters,
            PrometheusQueries prometheus) {
        this(
                mongo,
                postgres,
                exporters,
                prometheus,
                new HttpBackupAgentClient(
                        DatabaseAddressResolver.IN_CLUSTER, BACKUP_AGENT_TIMEOUT));
    }
}
