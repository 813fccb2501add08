package dev.vigil.e2e.bench;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fleet: {@code n} databases, a quarter each of Managed MongoDB (3 members), Managed PostgreSQL
 * (2, with {@code work_mem} set, which {@link FleetReactions#specEdits} changes), External MongoDB
 * and External PostgreSQL, and the monitoring-user Secrets the External ones name. The last few
 * Managed PostgreSQL databases are {@link FleetReactions#gateFailures}': their health gate checks
 * only that the rollout completed, which pods marked Ready can pass with no database behind them.
 */
final class FleetManifests {

    private final int n;
    private final List<String> editTargets;
    private final Set<String> gateTargets;

    FleetManifests(int n) {
        this.n = n;
        List<String> postgres = managedPostgres();
        int edits = Math.max(1, Math.min(postgres.size(), n / 10));
        int gates = Math.min(postgres.size() - edits, Math.max(1, n / 50));
        this.editTargets = List.copyOf(postgres.subList(0, edits));
        this.gateTargets = Set.copyOf(postgres.subList(postgres.size() - gates, postgres.size()));
    }

    List<MonitoredDatabase> databases(String namespace) {
        List<MonitoredDatabase> databases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            databases.add(Serialization.unmarshal(yaml(i, namespace), MonitoredDatabase.class));
        }
        return databases;
    }

    List<Secret> externalSecrets(String namespace) {
        List<Secret> secrets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % 4 >= 2) {
                secrets.add(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(name(i) + "-monitor")
                                .withNamespace(namespace)
                                .endMetadata()
                                .addToStringData("username", "monitor")
                                .addToStringData("password", "bench-password-" + i)
                                .build());
            }
        }
        return secrets;
    }

    /**
     * A tenth of the fleet (at least one), all Managed PostgreSQL, for {@link
     * FleetReactions#specEdits}.
     */
    List<String> editTargets() {
        return editTargets;
    }

    /**
     * A fiftieth of the fleet (at least one, where there are two Managed PostgreSQL databases),
     * none of them edit targets, for {@link FleetReactions#gateFailures}.
     */
    List<String> gateTargets() {
        return gateTargets.stream().sorted().toList();
    }

    private List<String> managedPostgres() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < n; i += 4) {
            names.add(name(i));
        }
        return names;
    }

    private static String name(int i) {
        return switch (i % 4) {
            case 0 -> "mongo-" + i;
            case 1 -> "pg-" + i;
            case 2 -> "ext-mongo-" + i;
            default -> "ext-pg-" + i;
        };
    }

    private String yaml(int i, String namespace) {
        String head =
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: %s, namespace: %s}
                spec:
                """
                        .formatted(name(i), namespace);
        return head
                + switch (i % 4) {
                    case 0 -> "  engine: MongoDB\n  version: \"7.0.14\"\n  replicas: 3\n";
                    case 1 ->
                            """
                              engine: PostgreSQL
                              version: "16.4"
                              replicas: 2
                              postgres:
                                parameters: {work_mem: 4MB}
                            """
                                    + (gateTargets.contains(name(i))
                                            ? "  healthGate: {checks: [RolloutComplete]}\n"
                                            : "");
                    case 2 ->
                            """
                              engine: MongoDB
                              version: "7.0.14"
                              mode: External
                              external:
                                endpoints: ['db-%1$d.example.com:27017']
                                credentialsSecretName: %2$s-monitor
                            """
                                    .formatted(i, name(i));
                    default ->
                            """
                              engine: PostgreSQL
                              version: "16.4"
                              mode: External
                              external:
                                endpoints: ['db-%1$d.example.com:5432']
                                credentialsSecretName: %2$s-monitor
                            """
                                    .formatted(i, name(i));
                };
    }
}
