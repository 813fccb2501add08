package dev.vigil.e2e.controlplane;

import java.nio.file.Path;
import java.util.List;

/**
 * kube-state-metrics, as kube-prometheus-stack runs it beside Prometheus: the real program, reading
 * the cluster with the administrator's kubeconfig and serving {@code kube_pod_*}, {@code
 * kube_statefulset_*} and the like on a free loopback port, so that queries written for
 * kube-prometheus-stack find their series in the harness's Prometheus.
 */
public final class KubeStateMetrics implements AutoCloseable {

    private final TiedProcess process;
    private final int port;

    private KubeStateMetrics(TiedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts it against the cluster of {@code kubeconfig}; its log goes under {@code directory}.
     */
    public static KubeStateMetrics start(
            ControlPlaneBinaries binaries, Path kubeconfig, Path directory) {
        int port = FreePorts.pick();
        TiedProcess process =
                TiedProcess.start(
                        "kube-state-metrics",
                        List.of(
                                binaries.kubeStateMetrics().toString(),
                                "--kubeconfig=" + kubeconfig,
                                "--host=127.0.0.1",
                                "--port=" + port,
                                "--telemetry-host=127.0.0.1",
                                "--telemetry-port=" + FreePorts.pick(),
                                "--resources=pods,statefulsets,deployments,persistentvolumeclaims"),
                        directory.resolve("kube-state-metrics.log"));
        return new KubeStateMetrics(process, port);
    }

    /** Where its metrics are, {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
    }
}
