package dev.vigil.reconciler;

import dev.vigil.engine.exporter.ExporterProbe;
import dev.vigil.engine.mongodb.MongoReplicaSetClient;
import dev.vigil.engine.postgres.PostgresClient;

/**
 * Every client through which Vigil talks to databases and exporters, so that tests can put doubles
 * or local servers behind each.
 *
 * @param mongo MongoDB replica sets
 * @param postgres PostgreSQL members
 * @param exporters exporters' {@code /metrics}
 */
public record DatabaseClients(
        MongoReplicaSetClient mongo, PostgresClient postgres, ExporterProbe exporters) {}
