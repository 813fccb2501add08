package dev.vigil.e2e.prometheus;

import java.time.Duration;
import java.util.Map;

/**
 * How the local Prometheus runs: the parts of a prometheus-operator {@code Prometheus} object that
 * matter here, plus the time compression the tests need.
 *
 * @param scrapeInterval the global scrape interval, for monitor endpoints that set none
 * @param evaluationInterval how often rule groups that set no interval are evaluated
 * @param maxScrapeInterval when not null, monitor endpoints asking for a longer interval (Vigil's
 *     default is 30s) are scraped this often instead, and their scrape timeouts shortened to fit,
 *     so a scenario need not wait half a minute for a first sample; null honours them as written
 * @param refreshInterval how often the ServiceMonitors, PodMonitors, PrometheusRules, Services and
 *     Pods are read again and the targets and rules rewritten
 * @param selector the labels a ServiceMonitor, PodMonitor or PrometheusRule must carry to be picked
 *     up, as a Prometheus's {@code serviceMonitorSelector}, {@code podMonitorSelector} and {@code
 *     ruleSelector} with these {@code matchLabels} (e.g. {@code release: kube-prometheus-stack});
 *     empty picks up every one, in every namespace
 * @param startTimeout how long Prometheus may take to become ready
 * @param staticTargets jobs outside any monitor, by job name: the address of one target each,
 *     scraped with {@code honor_labels} (as kube-prometheus-stack scrapes kube-state-metrics)
 */
public record PrometheusOptions(
        Duration scrapeInterval,
        Duration evaluationInterval,
        Duration maxScrapeInterval,
        Duration refreshInterval,
        Map<String, String> selector,
        Duration startTimeout,
        Map<String, String> staticTargets) {

    public PrometheusOptions {
        selector = Map.copyOf(selector);
        staticTargets = Map.copyOf(staticTargets);
        if (maxScrapeInterval != null && maxScrapeInterval.compareTo(scrapeInterval) < 0) {
            throw new IllegalArgumentException(
                    "maxScrapeInterval "
                            + maxScrapeInterval
                            + " is shorter than the scrape interval "
                            + scrapeInterval);
        }
    }

    /**
     * Scrapes every 2 seconds (longer monitor intervals shortened to that), evaluates rules and
     * re-reads the cluster every second, and picks up every monitor and rule.
     *
     * <p>Not every second: a scrape timeout cannot exceed the interval, and postgres_exporter takes
     * a full second to answer while its database is unreachable (it reports {@code pg_up 0} then,
     * which a 1 s timeout would turn into a failed scrape).
     */
    public static PrometheusOptions defaults() {
        Duration second = Duration.ofSeconds(1);
        Duration scrape = Duration.ofSeconds(2);
        return new PrometheusOptions(
                scrape, second, scrape, second, Map.of(), Duration.ofSeconds(60), Map.of());
    }

    /** These options, picking up only the objects labelled with all of {@code labels}. */
    public PrometheusOptions withSelector(Map<String, String> labels) {
        return new PrometheusOptions(
                scrapeInterval,
                evaluationInterval,
                maxScrapeInterval,
                refreshInterval,
                labels,
                startTimeout,
                staticTargets);
    }

    /** These options, scraping each monitor endpoint at the interval it asks for. */
    public PrometheusOptions honouringMonitorIntervals() {
        return new PrometheusOptions(
                scrapeInterval,
                evaluationInterval,
                null,
                refreshInterval,
                selector,
                startTimeout,
                staticTargets);
    }

    /** These options, also scraping {@code address} as job {@code job}. */
    public PrometheusOptions withStaticTarget(String job, String address) {
        Map<String, String> targets = new java.util.TreeMap<>(staticTargets);
        targets.put(job, address);
        return new PrometheusOptions(
                scrapeInterval,
                evaluationInterval,
                maxScrapeInterval,
                refreshInterval,
                selector,
                startTimeout,
                targets);
    }
}
