package dev.vigil.reconciler;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether the cluster has the prometheus-operator CRDs that Vigil's monitoring objects need. The
 * databases' reconciler watches CRDs (and so reads them from its cache, and is woken up when they
 * are installed later, so monitors follow without an operator restart); the policies' reconciler
 * asks the API server.
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

    /** Whether every CRD of {@link #NAMES} is installed, asking the API server. */
    static boolean installed(KubernetesClient client) {
        return installed(
                name ->
                        client.apiextensions().v1().customResourceDefinitions().withName(name).get()
                                != null);
    }

    /** Whether every CRD of {@link #NAMES} is installed, by {@code exists} (a cache, say). */
    static boolean installed(Predicate<String> exists) {
        return NAMES.stream().allMatch(exists);
    }

    /** Whether {@code crd} is one of them. */
    static boolean isOne(CustomResourceDefinition crd) {
        return NAMES.contains(crd.getMetadata().getName());
    }
}
