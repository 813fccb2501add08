package dev.vigil.e2e.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders Prometheus's configuration file and its {@code file_sd} target files from scrape jobs.
 * Pure: returns text, the caller writes it.
 *
 * <p>Each job reads its targets from its own target file, which Prometheus re-reads when it
 * changes, so pods coming and going need no reload; only a change of the jobs themselves does.
 */
final class PrometheusConfig {

    private static final Duration DEFAULT_SCRAPE_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper YAML =
            new ObjectMapper(
                    new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final ObjectMapper JSON = new ObjectMapper();

    private PrometheusConfig() {}

    /**
     * The configuration file: global intervals, the rule files, and one scrape config per job.
     *
     * @param targetsDir where the jobs' target files are, see {@link #targetFileName}
     * @param ruleFiles the rule files, globs allowed
     */
    static String render(
            List<ScrapeJob> jobs,
            Path targetsDir,
            List<String> ruleFiles,
            PrometheusOptions options) {
        Map<String, Object> global = new LinkedHashMap<>();
        global.put("scrape_interval", PrometheusDuration.format(options.scrapeInterval()));
        Duration timeout =
                options.scrapeInterval().compareTo(DEFAULT_SCRAPE_TIMEOUT) < 0
                        ? options.scrapeInterval()
                        : DEFAULT_SCRAPE_TIMEOUT;
        global.put("scrape_timeout", PrometheusDuration.format(timeout));
        global.put("evaluation_interval", PrometheusDuration.format(options.evaluationInterval()));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("global", global);
        config.put("rule_files", List.copyOf(ruleFiles));
        List<Map<String, Object>> scrapeConfigs = new ArrayList<>();
        for (ScrapeJob job : jobs) {
            scrapeConfigs.add(scrapeConfig(job, targetsDir, options));
        }
        config.put("scrape_configs", scrapeConfigs);
        return yaml(config);
    }

    /** A configuration holding the global section and {@code job} alone, to check it alone. */
    static String renderAlone(ScrapeJob job, Path targetsDir, PrometheusOptions options) {
        return render(List.of(job), targetsDir, List.of(), options);
    }

    /**
     * The job's scrape config: its name, its settings with a {@code file_sd_configs} section (where
     * prometheus-operator writes {@code kubernetes_sd_configs}) after the honor flags.
     */
    private static Map<String, Object> scrapeConfig(
            ScrapeJob job, Path targetsDir, PrometheusOptions options) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("job_name", job.name());
        Map<String, Object> fileSd = new LinkedHashMap<>();
        fileSd.put("files", List.of(targetsDir.resolve(targetFileName(job)).toString()));
        fileSd.put("refresh_interval", PrometheusDuration.format(options.refreshInterval()));
        boolean placed = false;
        for (Map.Entry<String, Object> setting : job.settings().entrySet()) {
            if (!placed && !setting.getKey().startsWith("honor_")) {
                config.put("file_sd_configs", List.of(fileSd));
                placed = true;
            }
            config.put(setting.getKey(), setting.getValue());
        }
        if (!placed) {
            config.put("file_sd_configs", List.of(fileSd));
        }
        return config;
    }

    /** The name of the job's target file: its name with {@code /} replaced, as JSON. */
    static String targetFileName(ScrapeJob job) {
        return job.name().replace('/', '_') + ".json";
    }

    /**
     * The job's target file in {@code file_sd} format: one group per target, carrying its discovery
     * labels.
     */
    static String targetFile(ScrapeJob job) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (DiscoveredTarget target : job.targets()) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("targets", List.of(target.address()));
            group.put("labels", target.labels());
            groups.add(group);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(groups);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code tree} as YAML. */
    static String yaml(Object tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
