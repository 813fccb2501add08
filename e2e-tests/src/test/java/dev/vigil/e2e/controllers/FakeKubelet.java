package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Plays the kubelet in the controller tests: writes pod phases and readiness through the status
 * subresource, on request or, once {@link #startAutoReady} is called, for every Pending pod it sees
 * (Running and Ready, or Running and not Ready for the pods a test calls broken).
 */
final class FakeKubelet implements AutoCloseable {

    private final KubernetesClient client;
    private ScheduledExecutorService auto;

    FakeKubelet(KubernetesClient client) {
        this.client = client;
    }

    void markReady(String namespace, String name) {
        setStatus(namespace, name, status("Running", true));
    }

    void markNotReady(String namespace, String name) {
        setStatus(namespace, name, status("Running", false));
    }

    void markFailed(String namespace, String name) {
        setStatus(namespace, name, status("Failed", false));
    }

    /** From now on, runs every pending pod: ready, unless {@code broken} says otherwise. */
    FakeKubelet startAutoReady(Predicate<Pod> broken) {
        auto = Executors.newSingleThreadScheduledExecutor();
        auto.scheduleWithFixedDelay(() -> runPending(broken), 0, 50, TimeUnit.MILLISECONDS);
        return this;
    }

    private void runPending(Predicate<Pod> broken) {
        try {
            for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
                String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
                if (phase == null || "Pending".equals(phase)) {
                    setStatus(
                            pod.getMetadata().getNamespace(),
                            pod.getMetadata().getName(),
                            status("Running", !broken.test(pod)));
                }
            }
        } catch (KubernetesClientException e) {
            // the next round sees the new state
        }
    }

    private void setStatus(String namespace, String name, PodStatus status) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        if (pod == null) {
            return;
        }
        pod.setStatus(status);
        client.pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    private static PodStatus status(String phase, boolean ready) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new PodStatusBuilder()
                .withPhase(phase)
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .withLastTransitionTime(now)
                .endCondition()
                .build();
    }

    @Override
    public void close() {
        if (auto != null) {
            auto.shutdownNow();
        }
    }
}
