package dev.vigil.monitoring;

import static dev.vigil.monitoring.AlertScenario.fires;
import static dev.vigil.monitoring.AlertScenario.labels;
import static dev.vigil.monitoring.AlertScenario.silent;
import static dev.vigil.monitoring.AlertScenario.without;

import dev.vigil.monitoring.AlertScenario.Firing;
import dev.vigil.monitoring.AlertScenario.Series;
import java.util.List;
import java.util.Map;

/**
 * promtool cases for the alerts every engine has: volumes and restarts (kubelet and
 * kube-state-metrics series, which know nothing of Vigil) and Vigil's own (the operator's series).
 */
final class SharedScenarios {

    private SharedScenarios() {}

    /**
     * The cases for the Managed database {@code database} in namespace {@code shop}, whose database
     * container is {@code container}.
     */
    static List<AlertScenario> forDatabase(String database, String container) {
        Map<String, String> volume =
                Map.of(
                        "namespace", "shop",
                        "persistentvolumeclaim", "data-" + database + "-1",
                        "job", "kubelet",
                        "instance", "node-a");
        // A volume of another database in the same namespace, full: it must not fire here.
        Map<String, String> otherVolume =
                labels(volume, "persistentvolumeclaim", "data-" + database + "-archive-0");
        Map<String, String> restarts =
                Map.of(
                        "namespace", "shop",
                        "pod", database + "-1",
                        "container", container,
                        "job", "kube-state-metrics",
                        "instance", "10.1.0.2:8080");
        // cAdvisor's series of the database container, as the kubelet serves them.
        Map<String, String> cpu =
                Map.of(
                        "namespace", "shop",
                        "pod", database + "-1",
                        "container", container,
                        "id", "/kubepods/burstable/pod1234/abcd",
                        "job", "kubelet",
                        "instance", "node-a");
        Map<String, String> operator =
                Map.of(
                        "namespace", "shop",
                        "database", database,
                        "job", "vigil-operator",
                        "instance", "10.1.0.3:8080");
        return List.of(
                fires(
                        "DatabaseVolumeAlmostFull",
                        "90% of a member's volume used for 5m",
                        "10m",
                        new Firing(volume, "90"),
                        new Series("kubelet_volume_stats_available_bytes", volume, "10x10"),
                        new Series("kubelet_volume_stats_capacity_bytes", volume, "100x10")),
                silent(
                        "DatabaseVolumeAlmostFull",
                        "80% used here, and another database's volume full",
                        "10m",
                        new Series("kubelet_volume_stats_available_bytes", volume, "20x10"),
                        new Series("kubelet_volume_stats_capacity_bytes", volume, "100x10"),
                        new Series("kubelet_volume_stats_available_bytes", otherVolume, "1x10"),
                        new Series("kubelet_volume_stats_capacity_bytes", otherVolume, "100x10")),
                fires(
                        "DatabaseVolumeCriticallyFull",
                        "97% of a member's volume used for 5m",
                        "10m",
                        new Firing(volume, "97"),
                        new Series("kubelet_volume_stats_available_bytes", volume, "3x10"),
                        new Series("kubelet_volume_stats_capacity_bytes", volume, "100x10")),
                silent(
                        "DatabaseVolumeCriticallyFull",
                        "90% used: only the P3 alert's business",
                        "10m",
                        new Series("kubelet_volume_stats_available_bytes", volume, "10x10"),
                        new Series("kubelet_volume_stats_capacity_bytes", volume, "100x10")),
                fires(
                        "DatabaseCpuNearLimit",
                        "0.9 of a 1-core limit used for 10m",
                        "20m",
                        new Firing(without(cpu, "job", "instance", "id"), "90"),
                        new Series("container_cpu_usage_seconds_total", cpu, "0+54x25"),
                        new Series("container_spec_cpu_quota", cpu, "100000x25"),
                        new Series("container_spec_cpu_period", cpu, "100000x25")),
                silent(
                        "DatabaseCpuNearLimit",
                        "0.7 of the limit used, and a container without a limit busy",
                        "20m",
                        new Series("container_cpu_usage_seconds_total", cpu, "0+42x25"),
                        new Series("container_spec_cpu_quota", cpu, "100000x25"),
                        new Series("container_spec_cpu_period", cpu, "100000x25"),
                        new Series(
                                "container_cpu_usage_seconds_total",
                                labels(cpu, "container", "exporter"),
                                "0+120x25")),
                fires(
                        "DatabaseMemoryNearLimit",
                        "900 MiB of a 1000 MiB limit in use for 10m",
                        "20m",
                        new Firing(without(cpu, "job", "instance", "id"), "90"),
                        new Series("container_memory_working_set_bytes", cpu, "943718400x25"),
                        new Series("container_spec_memory_limit_bytes", cpu, "1048576000x25")),
                silent(
                        "DatabaseMemoryNearLimit",
                        "700 MiB of 1000 MiB, and a container without a limit (0) using 2 GiB",
                        "20m",
                        new Series("container_memory_working_set_bytes", cpu, "734003200x25"),
                        new Series("container_spec_memory_limit_bytes", cpu, "1048576000x25"),
                        new Series(
                                "container_memory_working_set_bytes",
                                labels(cpu, "container", "exporter"),
                                "2147483648x25"),
                        new Series(
                                "container_spec_memory_limit_bytes",
                                labels(cpu, "container", "exporter"),
                                "0x25")),
                fires(
                        "DatabasePodRestarting",
                        "4 restarts within 15 minutes",
                        "20m",
                        new Firing(restarts, "4"),
                        new Series(
                                "kube_pod_container_status_restarts_total",
                                restarts,
                                "0x6 1 2 3 4 4x14")),
                silent(
                        "DatabasePodRestarting",
                        "3 restarts within 15 minutes",
                        "20m",
                        new Series(
                                "kube_pod_container_status_restarts_total",
                                restarts,
                                "0x5 1 2 3 3x15")),
                fires(
                        "VigilDatabaseNotReady",
                        "not Ready for 15m",
                        "17m",
                        new Firing(operator, null),
                        new Series("vigil_database_ready", operator, "1 0x30")),
                silent(
                        "VigilDatabaseNotReady",
                        "not Ready for 14m",
                        "15m",
                        new Series("vigil_database_ready", operator, "1 0x30")),
                fires(
                        "VigilRolloutStuck",
                        "Updating for 30m",
                        "32m",
                        new Firing(labels(operator, "phase", "Updating"), null),
                        new Series(
                                "vigil_database_phase",
                                labels(operator, "phase", "Updating"),
                                "0 1x40"),
                        new Series(
                                "vigil_database_phase",
                                labels(operator, "phase", "Ready"),
                                "1 0x40")),
                silent(
                        "VigilRolloutStuck",
                        "Updating for 29m",
                        "30m",
                        new Series(
                                "vigil_database_phase",
                                labels(operator, "phase", "Updating"),
                                "0 1x40")),
                fires(
                        "VigilDatabaseRolledBack",
                        "a rollback within the hour",
                        "10m",
                        new Firing(operator, null),
                        new Series("vigil_database_rollbacks_total", operator, "0x5 1x10")),
                fires(
                        "VigilDatabaseRolledBack",
                        "the first rollback creates the counter at 1",
                        "10m",
                        new Firing(operator, null),
                        new Series("vigil_database_rollbacks_total", operator, "_x5 1x10")),
                silent(
                        "VigilDatabaseRolledBack",
                        "the counter exists at 0 after the operator starts",
                        "10m",
                        new Series("vigil_database_rollbacks_total", operator, "_x5 0x10")),
                silent(
                        "VigilDatabaseRolledBack",
                        "the last rollback more than an hour ago",
                        "80m",
                        new Series("vigil_database_rollbacks_total", operator, "0x5 1x80")));
    }
}
