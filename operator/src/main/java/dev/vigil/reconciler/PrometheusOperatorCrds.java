package dev.vigil.reconciler;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Whether the cluster has the prometheus-operator CRDs that Vigil's monitoring objects need. They
 * are checked by name on every pass (a cheap read), and a watch on CRDs wakes every database up
 * when they are installed later, so monitors follow without an operator restart.
 */
final class PrometheusOperatorCrds {

    /** The CRDs of the kinds Vigil creates: monitors, rules and Alertmanager routing. */
    static final List<String> NAMES =
            List.of(
                    "servicemonitors.monitoring.coreos.com",
                    "podmonitors.monitoring.coreos.com",
                    "prometheusrules.monitoring.coreos.com",
                    "alertmanagerconfigs.monitoring.coreos.com");

    private PrometheusOperatorCrds() {}

    /** Whether every CRD of {@link #NAMES} is installed. */
    static boolean installed(KubernetesClient client) {
        return NAMES.stream()
                .allMatch(
                        name ->
                                client.apiextensions()
                                                .v1()
                                                .customResourceDefinitions()
                                                .withName(name)
                                                .get()
                                        != null);
    }

    /** Whether {@code crd} is one of them. */
    static boolean isOne(CustomResourceDefinition crd) {
        return NAMES.contains(crd.getMetadata().getName());
    }
}
