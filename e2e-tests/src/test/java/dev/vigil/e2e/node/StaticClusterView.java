package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ClusterView} the test fills and changes by hand. */
final class StaticClusterView implements ClusterView {

    final List<Service> services = new CopyOnWriteArrayList<>();
    final List<Pod> pods = new CopyOnWriteArrayList<>();

    @Override
    public Optional<Service> service(String namespace, String name) {
        return services.stream()
                .filter(s -> s.getMetadata().getNamespace().equals(namespace))
                .filter(s -> s.getMetadata().getName().equals(name))
                .findFirst();
    }

    @Override
    public List<Service> services() {
        return List.copyOf(services);
    }

    @Override
    public List<Pod> pods(String namespace) {
        return pods.stream().filter(p -> p.getMetadata().getNamespace().equals(namespace)).toList();
    }

    void replace(Pod pod) {
        pods.removeIf(
                p ->
                        p.getMetadata().getName().equals(pod.getMetadata().getName())
                                && p.getMetadata()
                                        .getNamespace()
                                        .equals(pod.getMetadata().getNamespace()));
        pods.add(pod);
    }

    /** A Service selecting {@code app=<app>}, port {@code port} to the pods' port named web. */
    static Service service(String namespace, String name, String clusterIp, String app, int port) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withClusterIP(clusterIp)
                .withSelector(Map.of("app", app))
                .addNewPort()
                .withName("web")
                .withPort(port)
                .withNewTargetPort("web")
                .endPort()
                .endSpec()
                .build();
    }

    /** A pod of {@code app} at {@code ip}, its container port named web being {@code webPort}. */
    static Pod pod(
            String namespace, String name, String app, String ip, boolean ready, int webPort) {
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .withLabels(Map.of("app", app))
                .endMetadata()
                .withNewSpec()
                .withHostname(name)
                .addNewContainer()
                .withName("main")
                .withPorts(
                        new ContainerPortBuilder()
                                .withName("web")
                                .withContainerPort(webPort)
                                .build())
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPodIP(ip)
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build();
    }
}
