package dev.vigil.e2e.prometheus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scrape job prometheus-operator would write for one endpoint of a monitor, with the targets
 * Kubernetes service discovery would hand it (before relabeling).
 *
 * @param name the job name, {@code serviceMonitor/<namespace>/<name>/<index>} or {@code
 *     podMonitor/<namespace>/<name>/<index>}
 * @param source the monitor it comes from
 * @param settings the job's configuration in Prometheus's keys and order, everything but {@code
 *     job_name} and the service discovery section
 * @param targets the discovered targets
 */
record ScrapeJob(
        String name,
        ObjectRef source,
        Map<String, Object> settings,
        List<DiscoveredTarget> targets) {

    ScrapeJob {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        targets = List.copyOf(targets);
    }
}
