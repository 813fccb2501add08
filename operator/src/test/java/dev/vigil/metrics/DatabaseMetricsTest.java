package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.monitoring.DefaultAlerts;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Phase;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DatabaseMetrics metrics = new DatabaseMetrics(registry);
    private final ConditionFactory conditions =
            new ConditionFactory(
                    Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    private static MonitoredDatabase database(String name) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: %s, namespace: shop}
                spec: {engine: MongoDB, version: "7.0.14"}
                """
                        .formatted(name),
                MonitoredDatabase.class);
    }

    private MonitoredDatabaseStatus status(Phase phase, boolean ready) {
        MonitoredDatabaseStatus status = new MonitoredDatabaseStatus();
        status.setPhase(phase.name());
        status.setConditions(
                List.of(conditions.condition(List.of(), ConditionType.READY, ready, "r", "", 1L)));
        return status;
    }

    @Test
    void gaugesFollowTheLatestStatus() {
        MonitoredDatabase catalog = database("catalog");
        metrics.record(catalog, status(Phase.Creating, false));

        assertThat(registry.get("vigil_database_ready").gauge().value()).isZero();
        assertThat(registry.get("vigil_database_phase").tag("phase", "Creating").gauge().value())
                .isEqualTo(1.0);

        metrics.record(catalog, status(Phase.Ready, true));

        assertThat(registry.get("vigil_database_ready").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("vigil_database_phase").tag("phase", "Creating").gauge().value())
                .isZero();
        assertThat(
                        registry.get("vigil_database_condition")
                                .tags("condition", "Ready", "status", "True")
                                .gauge()
                                .value())
                .isEqualTo(1.0);
    }

    @Test
    void countersAndTimersAreKeptPerDatabase() {
        metrics.rolloutStarted(database("catalog"));
        metrics.rolloutStarted(database("catalog"));
        metrics.healthGate(database("orders"), "passed", Duration.ofSeconds(42));

        assertThat(
                        registry.get("vigil_database_rollouts_total")
                                .tag("database", "catalog")
                                .counter()
                                .count())
                .isEqualTo(2.0);
        assertThat(
                        registry.get("vigil_database_health_gate_seconds")
                                .tags("database", "orders", "outcome", "passed")
                                .timer()
                                .totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(42.0);
    }

    @Test
    void rollbacksAreServedUnderTheNameTheRolledBackAlertReads() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DatabaseMetrics served = new DatabaseMetrics(prometheus);

        served.rolledBack(database("catalog"));

        assertThat(prometheus.scrape())
                .contains(
                        OperatorMetricNames.ROLLBACKS
                                + "{database=\"catalog\",namespace=\"shop\"} 1.0");
        assertThat(
                        DefaultAlerts.of(DatabaseEngines.monitoring(Engine.MongoDB)).stream()
                                .filter(a -> a.alert().equals("VigilDatabaseRolledBack"))
                                .findFirst()
                                .orElseThrow()
                                .exprTemplate())
                .contains(OperatorMetricNames.ROLLBACKS + "{");
    }

    @Test
    void metersOfDeletedDatabasesGoAway() {
        metrics.record(database("catalog"), status(Phase.Ready, true));
        metrics.record(database("orders"), status(Phase.Ready, true));

        metrics.retainOnly(Set.of("shop/orders"));

        assertThat(registry.find("vigil_database_ready").tag("database", "catalog").gauge())
                .isNull();
        assertThat(registry.find("vigil_database_ready").tag("database", "orders").gauge())
                .isNotNull();
    }
}
