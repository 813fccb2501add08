package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.Priority;
import java.util.List;

/**
 * Default alerts of either engine about what runs in Kubernetes: the members' data volumes (kubelet
 * {@code kubelet_volume_stats_*}), CPU and memory against the containers' limits (the kubelet's
 * cAdvisor {@code container_*}) and container restarts (kube-state-metrics).
 */
final class KubernetesAlerts {

    /** How full a member's data volume is, in percent. */
    private static final String VOLUME_USED_PERCENT =
            "100 * (1 - kubelet_volume_stats_available_bytes{{{volumes}}}"
                    + " / kubelet_volume_stats_capacity_bytes{{{volumes}}})";

    static final List<DefaultAlert> ALL =
            List.of(
                    new DefaultAlert(
                            "DatabaseVolumeAlmostFull",
                            VOLUME_USED_PERCENT + " > {{threshold}}",
                            "85",
                            "5m",
                            Priority.P3,
                            "Volume {{ $labels.persistentvolumeclaim }} in"
                                    + " {{ $labels.namespace }} is {{ $value | humanize }}% full",
                            "A database whose volume fills stops accepting writes; grow"
                                    + " spec.storage.size before it does.",
                            false),
                    new DefaultAlert(
                            "DatabaseVolumeCriticallyFull",
                            VOLUME_USED_PERCENT + " > {{threshold}}",
                            "95",
                            "5m",
                            Priority.P2,
                            "Volume {{ $labels.persistentvolumeclaim }} in"
                                    + " {{ $labels.namespace }} is {{ $value | humanize }}% full",
                            "The volume is about to fill; the database will stop accepting"
                                    + " writes. Grow spec.storage.size now.",
                            false),
                    new DefaultAlert(
                            "DatabaseCpuNearLimit",
                            // cAdvisor: CPU used over the CFS quota the limit sets. A container
                            // without a CPU limit has no quota series and cannot fire.
                            "100 * sum by (namespace, pod, container)"
                                    + " (rate(container_cpu_usage_seconds_total{{{pods}},"
                                    + "container!~\"|POD\"}[5m]))"
                                    + " / sum by (namespace, pod, container)"
                                    + " (container_spec_cpu_quota{{{pods}},container!~\"|POD\"}"
                                    + " / container_spec_cpu_period{{{pods}},"
                                    + "container!~\"|POD\"}) > {{threshold}}",
                            "80",
                            "10m",
                            Priority.P2,
                            "Container {{ $labels.container }} of {{ $labels.pod }} uses"
                                    + " {{ $value | humanize }}% of its CPU limit",
                            "The container is throttled at its CPU limit: queries queue and"
                                    + " slow down. Raise spec.resources or reduce the load.",
                            false),
                    new DefaultAlert(
                            "DatabaseMemoryNearLimit",
                            // The working set is what the kernel's OOM killer weighs against the
                            // limit; a container without a memory limit reports 0 and is left out.
                            "100 * max by (namespace, pod, container)"
                                    + " (container_memory_working_set_bytes{{{pods}},"
                                    + "container!~\"|POD\"})"
                                    + " / max by (namespace, pod, container)"
                                    + " (container_spec_memory_limit_bytes{{{pods}},"
                                    + "container!~\"|POD\"} > 0) > {{threshold}}",
                            "80",
                            "10m",
                            Priority.P2,
                            "Container {{ $labels.container }} of {{ $labels.pod }} uses"
                                    + " {{ $value | humanize }}% of its memory limit",
                            "Close to its memory limit, the container is at risk of being"
                                    + " OOM-killed: a member restart, and on a primary a"
                                    + " failover. Raise spec.resources or find what grew.",
                            false),
                    new DefaultAlert(
                            "DatabasePodRestarting",
                            "increase(kube_pod_container_status_restarts_total{{{pods}}}[15m])"
                                    + " > {{threshold}}",
                            "3",
                            null,
                            Priority.P2,
                            "Container {{ $labels.container }} of {{ $labels.pod }} restarted"
                                    + " {{ $value | humanize }} times in 15 minutes",
                            "The container keeps crashing or failing its liveness probe: the"
                                    + " member (or the exporter) is mostly unavailable.",
                            false));

    private KubernetesAlerts() {}
}
