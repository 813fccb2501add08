package dev.vigil.e2e.prometheus;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;

/**
 * What prometheus-operator and Prometheus's service discovery read from the cluster, in every
 * namespace, at one moment.
 */
record ClusterState(
        List<Service> services,
        List<Pod> pods,
        List<ServiceMonitor> serviceMonitors,
        List<PodMonitor> podMonitors,
        List<PrometheusRule> prometheusRules) {

    ClusterState {
        services = List.copyOf(services);
        pods = List.copyOf(pods);
        serviceMonitors = List.copyOf(serviceMonitors);
        podMonitors = List.copyOf(podMonitors);
        prometheusRules = List.copyOf(prometheusRules);
    }
}
