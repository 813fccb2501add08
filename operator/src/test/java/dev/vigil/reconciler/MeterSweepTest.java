package dev.vigil.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.metrics.DatabaseMetrics;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MeterSweepTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DatabaseMetrics metrics = new DatabaseMetrics(registry);
    private final AtomicLong now = new AtomicLong(1_000);
    private final MeterSweep sweep = new MeterSweep(metrics, now::get);
    private final AtomicInteger cacheReads = new AtomicInteger();

    @Test
    void theFirstPassSweepsTheMetersOfDeletedDatabases() {
        metrics.record(database("catalog"), new MonitoredDatabaseStatus());
        metrics.record(database("orders"), new MonitoredDatabaseStatus());

        sweep.maybeSweep(() -> cache(database("orders")));

        assertThat(ready("catalog")).isFalse();
        assertThat(ready("orders")).isTrue();
    }

    @Test
    void passesWithinTheIntervalDoNotReadTheCacheAgain() {
        sweep.maybeSweep(() -> cache(database("orders")));
        metrics.record(database("catalog"), new MonitoredDatabaseStatus());

        now.addAndGet(MeterSweep.INTERVAL.toNanos() - 1);
        sweep.maybeSweep(() -> cache(database("orders")));

        assertThat(cacheReads).hasValue(1);
        assertThat(ready("catalog")).as("swept only after the interval").isTrue();

        now.addAndGet(1);
        sweep.maybeSweep(() -> cache(database("orders")));

        assertThat(cacheReads).hasValue(2);
        assertThat(ready("catalog")).isFalse();
    }

    private Stream<MonitoredDatabase> cache(MonitoredDatabase... databases) {
        cacheReads.incrementAndGet();
        return Stream.of(databases);
    }

    private boolean ready(String name) {
        return registry.find("vigil_database_ready").tag("database", name).gauge() != null;
    }

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
}
