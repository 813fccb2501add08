package dev.vigil.e2e.playground;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.controlplane.KubeStateMetrics;
import dev.vigil.e2e.prometheus.PrometheusOptions;
import dev.vigil.e2e.prometheus.PrometheusServer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

/**
 * The playground's monitoring, in the place of kube-prometheus-stack's: a real Prometheus that
 * follows the ServiceMonitors and PrometheusRules and scrapes a real kube-state-metrics, answering
 * at every Prometheus URL an example's health gate names (its host and port served by the cluster's
 * DNS), so that the analyses of {@code examples/postgres-analysis.yaml} find their series.
 */
final class PlaygroundPrometheus {

    private PlaygroundPrometheus() {}

    static PrometheusServer start(
            LocalCluster cluster, List<MonitoredDatabase> examples, PrintStream out) {
        KubeStateMetrics kubeStateMetrics = cluster.kubeStateMetrics();
        PrometheusServer prometheus =
                cluster.prometheus(
                        PrometheusOptions.defaults()
                                .withStaticTarget(
                                        "kube-state-metrics", kubeStateMetrics.address()));
        URI url = prometheus.url();
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort());
        out.println("Prometheus: " + url);
        for (MonitoredDatabase database : examples) {
            if (database.getSpec().getHealthGate() == null
                    || database.getSpec().getHealthGate().getPrometheusUrl() == null) {
                continue;
            }
            URI named = URI.create(database.getSpec().getHealthGate().getPrometheusUrl());
            int port = named.getPort() != -1 ? named.getPort() : 80;
            cluster.dns().serveUpstream(named.getHost(), port, address);
            out.println("  " + named.getHost() + ":" + port + " answers with it");
        }
        return prometheus;
    }
}
