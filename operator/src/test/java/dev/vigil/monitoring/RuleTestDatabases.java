package dev.vigil.monitoring;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.testing.TestDatabases;

/** Representative databases, defaulted as the reconciler defaults them, for the rule tests. */
final class RuleTestDatabases {

    static final String NAMESPACE = "shop";

    private RuleTestDatabases() {}

    /** A Managed MongoDB replica set {@code catalog} of {@code replicas} members. */
    static MonitoredDatabase mongo(int replicas) {
        return defaulted(
                """
                metadata: {name: catalog, namespace: shop, uid: 6a1c0e3e-5d7b-4c59-9d55-8e3f2b1a0c11}
                spec:
                  engine: MongoDB
                  version: "7.0.14"
                  replicas: %d
                  monitoring: {labels: {release: kube-prometheus-stack}}
                """
                        .formatted(replicas));
    }

    /** A Managed PostgreSQL {@code orders}: a primary and {@code replicas - 1} standbys. */
    static MonitoredDatabase postgres(int replicas) {
        return defaulted(
                """
                metadata: {name: orders, namespace: shop}
                spec:
                  engine: PostgreSQL
                  version: "16.4"
                  replicas: %d
                """
                        .formatted(replicas));
    }

    /**
     * {@link #postgres} with {@code spec.backup}: daily backups to a volume, which gives it the
     * backup alerts.
     */
    static MonitoredDatabase postgresWithBackups(int replicas) {
        return defaulted(
                """
                metadata: {name: orders, namespace: shop}
                spec:
                  engine: PostgreSQL
                  version: "16.4"
                  replicas: %d
                  backup:
                    schedule: "0 2 * * *"
                    verify: {schedule: "0 5 * * 0"}
                    store: {volume: {claimName: orders-backups}}
                """
                        .formatted(replicas));
    }

    /** {@link #mongo} with {@code spec.backup}: daily dumps to a volume, verified weekly. */
    static MonitoredDatabase mongoWithBackups(int replicas) {
        return defaulted(
                """
                metadata: {name: catalog, namespace: shop}
                spec:
                  engine: MongoDB
                  version: "7.0.14"
                  replicas: %d
                  backup:
                    schedule: "0 2 * * *"
                    verify: {schedule: "0 5 * * 0"}
                    store: {volume: {claimName: catalog-backups}}
                """
                        .formatted(replicas));
    }

    /** An External MongoDB {@code legacy} of three members Vigil only monitors. */
    static MonitoredDatabase externalMongo() {
        return defaulted(
                """
                metadata: {name: legacy, namespace: shop}
                spec:
                  engine: MongoDB
                  version: "7.0.14"
                  mode: External
                  replicas: 3
                  external:
                    endpoints: [a.example.com:27017, b.example.com:27017, c.example.com:27017]
                    credentialsSecretName: legacy-monitor
                """);
    }

    /** An External PostgreSQL {@code ledger} (a cloud database) Vigil only monitors. */
    static MonitoredDatabase externalPostgres() {
        return defaulted(
                """
                metadata: {name: ledger, namespace: shop}
                spec:
                  engine: PostgreSQL
                  version: "16.4"
                  mode: External
                  external:
                    uriSecret: {name: ledger-uri, key: uri}
                    credentialsSecretName: ledger-monitor
                """);
    }

    /** {@link #postgres} with an availability and a latency objective. */
    static MonitoredDatabase postgresWithObjectives() {
        return defaulted(
                """
                metadata: {name: orders, namespace: shop}
                spec:
                  engine: PostgreSQL
                  version: "16.4"
                  replicas: 3
                  monitoring:
                    slo:
                      availability: "99.9"
                      latency: {threshold: 200ms, target: "99"}
                """);
    }

    private static MonitoredDatabase defaulted(String yaml) {
        return SchemaDefaults.withDefaults(
                TestDatabases.parse(
                        "apiVersion: vigil.dev/v1alpha1\nkind: MonitoredDatabase\n" + yaml));
    }
}
