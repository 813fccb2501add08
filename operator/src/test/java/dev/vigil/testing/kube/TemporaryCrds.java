package dev.vigil.testing.kube;

import dev.vigil.testing.GoBinaries;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * CRDs one test installs on the {@link SharedApiServer} for itself (cert-manager's,
 * prometheus-operator's), removed again with their objects on {@link #close()}. CRDs are
 * cluster-wide, so without this the next test would find them installed; with it, every test starts
 * on a server that has Vigil's CRDs only, whichever ran before.
 */
public final class TemporaryCrds implements AutoCloseable {

    /** Where {@code scripts/go-binaries.sh control-plane} says prometheus-operator's CRDs are. */
    private static final String PROMETHEUS_OPERATOR_CRDS = "prometheus-operator-crds";

    private final KubernetesClient client;
    private final List<String> installed = new ArrayList<>();

    public TemporaryCrds(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Installs {@code crd} and waits until it is served.
     *
     * @throws io.fabric8.kubernetes.client.KubernetesClientException (409) when it exists already:
     *     an earlier test did not remove it
     */
    public void install(CustomResourceDefinition crd) {
        Crds.install(client, crd);
        installed.add(crd.getMetadata().getName());
    }

    /**
     * Installs prometheus-operator's own CRDs of the given names ({@code
     * servicemonitors.monitoring.coreos.com}...), with their whole schemas, from the release {@code
     * scripts/go-binaries.sh} pins.
     */
    public void installPrometheusOperatorCrds(Collection<String> names) {
        Path dir =
                GoBinaries.of(GoBinaries.CONTROL_PLANE, PROMETHEUS_OPERATOR_CRDS)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "scripts/go-binaries.sh control-plane printed no "
                                                        + PROMETHEUS_OPERATOR_CRDS));
        for (String name : names) {
            // servicemonitors.monitoring.coreos.com is in
            // monitoring.coreos.com_servicemonitors.yaml
            int dot = name.indexOf('.');
            String file = name.substring(dot + 1) + "_" + name.substring(0, dot) + ".yaml";
            install(Crds.load(client, dir.resolve(file)));
        }
    }

    /** Removes every CRD installed here, newest first, and waits until each is gone. */
    @Override
    public void close() {
        for (int i = installed.size() - 1; i >= 0; i--) {
            Crds.remove(client, installed.get(i));
        }
        installed.clear();
    }
}
