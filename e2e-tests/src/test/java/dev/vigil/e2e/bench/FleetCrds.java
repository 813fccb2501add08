package dev.vigil.e2e.bench;

import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.controlplane.ControlPlaneBinaries;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Vigil's CRDs from the checkout's {@code crds/} and the prometheus-operator's real CRDs of the
 * kinds Vigil writes (as in a cluster that has Prometheus, where monitoring is on by default),
 * applied and established.
 */
final class FleetCrds {

    private FleetCrds() {}

    static void install(KubernetesClient admin, Path repository, ControlPlaneBinaries binaries)
            throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(repository.resolve("crds"))) {
            listed.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(files::add);
        }
        LocalCluster.PROMETHEUS_OPERATOR_CRDS.forEach(
                name -> files.add(binaries.prometheusOperatorCrds().resolve(name)));
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                CustomResourceDefinition crd =
                        admin.apiextensions().v1().customResourceDefinitions().load(in).item();
                admin.resource(crd).serverSideApply();
                admin.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(crd.getMetadata().getName())
                        .waitUntilCondition(
                                c ->
                                        c != null
                                                && c.getStatus() != null
                                                && c.getStatus().getConditions() != null
                                                && c.getStatus().getConditions().stream()
                                                        .anyMatch(
                                                                x ->
                                                                        "Established"
                                                                                        .equals(
                                                                                                x
                                                                                                        .getType())
                                                                                && "True"
                                                                                        .equals(
                                                                                                x
                                                                                                        .getStatus())),
                                1,
                                TimeUnit.MINUTES);
            }
        }
    }
}
