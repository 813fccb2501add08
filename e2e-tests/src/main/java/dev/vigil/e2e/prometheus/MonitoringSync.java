package dev.vigil.e2e.prometheus;

import dev.vigil.e2e.prometheus.RuleFiles.RuleFile;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays prometheus-operator's part for the local Prometheus: reads the monitors, rules, Services
 * and Pods from the API server, writes the configuration, the target files and the rule files into
 * Prometheus's working directory, and asks Prometheus to reload when the configuration or the rules
 * changed (target files Prometheus re-reads by itself). Objects promtool refuses are left out and
 * reported as {@link Rejection}s.
 */
final class MonitoringSync {

    /** Asks the running Prometheus to load its configuration and rule files again. */
    interface Reloader {
        void reload() throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringSync.class);

    private final KubernetesClient client;
    private final PrometheusOptions options;
    private final Path configFile;
    private final Path targetsDir;
    private final Path rulesDir;
    private final Promtool promtool;
    private final Map<String, Optional<String>> checkedConfigs = new HashMap<>();
    private final Map<String, Optional<String>> checkedRules = new HashMap<>();
    private Reloader reloader;
    private boolean reloadPending;
    private List<Rejection> rejections = List.of();

    MonitoringSync(KubernetesClient client, PrometheusOptions options, Path workDir) {
        this.client = client;
        this.options = options;
        this.configFile = workDir.resolve("prometheus.yml");
        this.targetsDir = workDir.resolve("targets");
        this.rulesDir = workDir.resolve("rules");
        this.promtool = new Promtool(workDir.resolve("promtool"));
    }

    Path configFile() {
        return configFile;
    }

    /**
     * From now on, changes are followed by a reload through {@code reloader}. Prometheus has just
     * read the files as they are, so nothing is pending.
     */
    synchronized void reloadWith(Reloader reloader) {
        this.reloader = reloader;
        this.reloadPending = false;
    }

    /** The objects left out at the last sync. */
    synchronized List<Rejection> rejections() {
        return rejections;
    }

    /** Reads the cluster once and brings the files, and the running Prometheus, up to date. */
    synchronized void sync() {
        ClusterState cluster = read();
        List<Rejection> rejected = new ArrayList<>();
        List<ScrapeJob> jobs = new ArrayList<>(acceptedJobs(cluster, rejected));
        options.staticTargets()
                .forEach(
                        (job, address) ->
                                jobs.add(
                                        new ScrapeJob(
                                                job,
                                                null,
                                                Map.of("honor_labels", true),
                                                List.of(new DiscoveredTarget(address, Map.of())))));
        List<RuleFile> ruleFiles = acceptedRuleFiles(cluster, rejected);
        try {
            Files.createDirectories(targetsDir);
            Files.createDirectories(rulesDir);
            writeTargetFiles(jobs);
            boolean rulesChanged = writeRuleFiles(ruleFiles);
            boolean configChanged =
                    writeIfChanged(
                            configFile,
                            PrometheusConfig.render(
                                    jobs,
                                    targetsDir,
                                    List.of(rulesDir.resolve("*.yaml").toString()),
                                    options));
            reloadPending |= rulesChanged || configChanged;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Prometheus's files", e);
        }
        if (!rejected.equals(rejections)) {
            rejected.forEach(rejection -> LOG.warn("Prometheus leaves out {}", rejection));
        }
        rejections = List.copyOf(rejected);
        if (reloadPending && reloader != null) {
            try {
                reloader.reload();
                reloadPending = false;
            } catch (IOException e) {
                LOG.warn("Prometheus did not reload, will retry: {}", e.getMessage());
            }
        }
    }

    private ClusterState read() {
        return new ClusterState(
                client.services().inAnyNamespace().list().getItems(),
                client.pods().inAnyNamespace().list().getItems(),
                listCustom(ServiceMonitor.class),
                listCustom(PodMonitor.class),
                listCustom(PrometheusRule.class));
    }

    /** Every object of a prometheus-operator kind, none when the API server does not serve it. */
    private <T extends HasMetadata> List<T> listCustom(Class<T> type) {
        try {
            return client.resources(type).inAnyNamespace().list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    /** The jobs of every monitor Prometheus would accept; a monitor with one bad job is out. */
    private List<ScrapeJob> acceptedJobs(ClusterState cluster, List<Rejection> rejected) {
        MonitorTargets.Translation translation = MonitorTargets.translate(cluster, options);
        rejected.addAll(translation.rejections());
        Set<ObjectRef> refused = new LinkedHashSet<>();
        for (ScrapeJob job : translation.jobs()) {
            String alone = PrometheusConfig.renderAlone(job, targetsDir, options);
            Optional<String> problem = checkedConfigs.computeIfAbsent(alone, promtool::checkConfig);
            if (problem.isPresent() && refused.add(job.source())) {
                rejected.add(job.source().rejected(problem.get()));
            }
        }
        return translation.jobs().stream().filter(job -> !refused.contains(job.source())).toList();
    }

    private List<RuleFile> acceptedRuleFiles(ClusterState cluster, List<Rejection> rejected) {
        List<RuleFile> accepted = new ArrayList<>();
        for (RuleFile file : RuleFiles.of(cluster.prometheusRules(), options)) {
            Optional<String> problem =
                    checkedRules.computeIfAbsent(
                            PrometheusConfig.yaml(file.content()), promtool::checkRules);
            if (problem.isPresent()) {
                rejected.add(file.source().rejected(problem.get()));
            } else {
                accepted.add(file);
            }
        }
        return accepted;
    }

    private void writeTargetFiles(List<ScrapeJob> jobs) throws IOException {
        Set<String> names = new HashSet<>();
        for (ScrapeJob job : jobs) {
            String name = PrometheusConfig.targetFileName(job);
            names.add(name);
            writeIfChanged(targetsDir.resolve(name), PrometheusConfig.targetFile(job));
        }
        deleteOthers(targetsDir, names);
    }

    /** Whether a rule file was written or deleted. */
    private boolean writeRuleFiles(List<RuleFile> files) throws IOException {
        Set<String> names = new HashSet<>();
        boolean changed = false;
        for (RuleFile file : files) {
            names.add(file.fileName());
            changed |=
                    writeIfChanged(
                            rulesDir.resolve(file.fileName()),
                            PrometheusConfig.yaml(file.content()));
        }
        return deleteOthers(rulesDir, names) || changed;
    }

    /** Deletes the files of {@code dir} not named in {@code keep}; whether any was. */
    private static boolean deleteOthers(Path dir, Set<String> keep) throws IOException {
        List<Path> stale;
        try (Stream<Path> files = Files.list(dir)) {
            stale = files.filter(file -> !keep.contains(file.getFileName().toString())).toList();
        }
        for (Path file : stale) {
            Files.deleteIfExists(file);
        }
        return !stale.isEmpty();
    }

    /**
     * Writes {@code content} to {@code file} unless it holds it already, through a rename so that
     * Prometheus never reads half a file; whether it wrote.
     */
    private static boolean writeIfChanged(Path file, String content) throws IOException {
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
            return false;
        }
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(
                temporary,
                file,
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        return true;
    }
}
