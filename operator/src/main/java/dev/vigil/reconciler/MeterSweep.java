package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.metrics.DatabaseMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes the meters of deleted databases, at most once every {@link #INTERVAL}. The sweep reads
 * every database in the cache, so on every pass it made a pass cost as much as the fleet is large:
 * a fifth of the operator's CPU at 1000 databases (docs/benchmarks.md). A deleted database's meters
 * now stay up to {@link #INTERVAL} longer.
 */
final class MeterSweep {

    static final Duration INTERVAL = Duration.ofSeconds(30);

    private final DatabaseMetrics metrics;
    private final LongSupplier nanoTime;
    private final AtomicLong nextNanos;

    MeterSweep(DatabaseMetrics metrics) {
        this(metrics, System::nanoTime);
    }

    /**
     * @param nanoTime the time, as {@link System#nanoTime}
     */
    MeterSweep(DatabaseMetrics metrics, LongSupplier nanoTime) {
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.nextNanos = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * Sweeps, keeping the meters of {@code databases} (the cache's, read only when it sweeps),
     * unless a sweep ran less than {@link #INTERVAL} ago; of passes at once, one sweeps.
     */
    void maybeSweep(Supplier<Stream<MonitoredDatabase>> databases) {
        long now = nanoTime.getAsLong();
        long next = nextNanos.get();
        if (now - next < 0 || !nextNanos.compareAndSet(next, now + INTERVAL.toNanos())) {
            return;
        }
        metrics.retainOnly(databases.get().map(DatabaseMetrics::key).collect(Collectors.toSet()));
    }
}
