package dev.vigil.monitoring.slo;

import dev.vigil.api.v1alpha1.LatencyObjective;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.SloSpec;
import dev.vigil.monitoring.MetricSelectors;
import dev.vigil.monitoring.ServiceIndicators;
import dev.vigil.validation.SpecDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code spec.monitoring.slo} into {@link Objective}s with their error expressions. Pure. The
 * spec is assumed valid (the validator refuses targets outside (0, 100) and periods outside 7 to 90
 * days before anything is built).
 */
public final class ServiceLevelObjectives {

    public static final String AVAILABILITY = "availability";
    public static final String LATENCY = "latency";

    private ServiceLevelObjectives() {}

    /** The SLO spec of {@code database}, or null when it has none. */
    public static SloSpec spec(MonitoredDatabase database) {
        return database.getSpec().getMonitoring() == null
                ? null
                : database.getSpec().getMonitoring().getSlo();
    }

    /** The period of {@code slo}; 30 days when unset. */
    public static Duration period(SloSpec slo) {
        String days = slo.getPeriod() == null ? "30d" : slo.getPeriod();
        return Duration.ofDays(Long.parseLong(days.substring(0, days.length() - 1)));
    }

    /** The objectives {@code slo} sets for {@code database}, availability first. */
    public static List<Objective> of(
            MonitoredDatabase database, SloSpec slo, ServiceIndicators indicators) {
        String exporter = MetricSelectors.exporter(database);
        List<Objective> objectives = new ArrayList<>();
        if (slo.getAvailability() != null) {
            // The share of the members whose exporter cannot reach them. An exporter that cannot
            // be scraped reports nothing, so its scrape's `up` stands in for it, as a failure.
            // Counted only once the database has served (SloRules.SERVING): a new database's
            // members are down while they start, which is no outage of a service.
            String up = database.getSpec().getEngine().upMetric() + "{" + exporter + "}";
            String scrape = "up{" + exporter + "}";
            objectives.add(
                    new Objective(
                            AVAILABILITY,
                            fraction(slo.getAvailability()),
                            "(1 - (avg by (namespace, vigil_database) ("
                                    + up
                                    + ") or max by (namespace, vigil_database) ("
                                    + scrape
                                    + ") * 0)) and on (namespace, vigil_database) "
                                    + SloRules.SERVING
                                    + "{"
                                    + exporter
                                    + "} > 0"));
        }
        LatencyObjective latency = slo.getLatency();
        if (latency != null) {
            String mean = indicators.meanLatency().replace("{{exporter}}", exporter);
            objectives.add(
                    new Objective(
                            LATENCY,
                            fraction(latency.getTarget()),
                            "(" + mean + ") > bool " + seconds(latency.getThreshold())));
        }
        return objectives;
    }

    /** {@code 99.9} as 0.999. */
    static BigDecimal fraction(String percent) {
        return new BigDecimal(percent).movePointLeft(2);
    }

    private static String seconds(String duration) {
        Duration parsed = SpecDuration.parse(duration);
        return BigDecimal.valueOf(parsed.toNanos())
                .movePointLeft(9)
                .stripTrailingZeros()
                .toPlainString();
    }
}
