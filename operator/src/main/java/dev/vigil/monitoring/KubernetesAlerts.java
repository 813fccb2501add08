package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.Priority;
import java.util.List;

/**
 * Default alerts of either engine about what runs in Kubernetes: the members' data volumes (kubelet
 * {@code kubelet_volume_stats_*}) and container restarts (kube-state-metrics).
 */
final class KubernetesAlerts {

    static final List<DefaultAlert> ALL =
            List.of(
                    new DefaultAlert(
                            "DatabaseVolumeAlmostFull",
                            "100 * (1 - kubelet_volume_stats_available_bytes{{{volumes}}}"
                                    + " / kubelet_volume_stats_capacity_bytes{{{volumes}}})"
                                    + " > {{threshold}}",
                            "85",
                            "5m",
                            Priority.P2,
                            "Volume {{ $labels.persistentvolumeclaim }} in"
                                    + " {{ $labels.namespace }} is {{ $value | humanize }}% full",
                            "A database whose volume fills stops accepting writes; grow"
                                    + " spec.storage.size before it does.",
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
