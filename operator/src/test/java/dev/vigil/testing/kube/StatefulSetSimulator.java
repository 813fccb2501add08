package dev.vigil.testing.kube;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Plays the StatefulSet controller and kubelet for reconciler tests: reports a StatefulSet as
 * rolled out with all its replicas ready, as the real controller does once its pods run; or part
 * way through a rollout, with pods in the states a kubelet reports (an image that cannot be pulled,
 * a crash loop).
 */
public final class StatefulSetSimulator {

    /** The label the StatefulSet controller puts on each pod with its revision. */
    public static final String REVISION_LABEL = "controller-revision-hash";

    private final KubernetesClient client;

    public StatefulSetSimulator(KubernetesClient client) {
        this.client = client;
    }

    /**
     * What a pod reports.
     *
     * @param ready its Ready condition
     * @param waitingReason why its container waits ({@code ErrImagePull}, {@code
     *     CrashLoopBackOff}), or null while it runs
     * @param restarts how often its container restarted
     */
    public record PodState(boolean ready, String waitingReason, int restarts) {

        public static PodState running() {
            return new PodState(true, null, 0);
        }

        public static PodState waiting(String reason) {
            return new PodState(false, reason, 0);
        }

        public static PodState crashLooping(int restarts) {
            return new PodState(false, "CrashLoopBackOff", restarts);
        }
    }

    /** The revision the simulated controller gives the StatefulSet's current template. */
    public static String revision(StatefulSet statefulSet) {
        return statefulSet.getMetadata().getName()
                + "-"
                + Integer.toHexString(statefulSet.getSpec().getTemplate().hashCode());
    }

    /** Reports every replica of the StatefulSet ready at its current revision. */
    public void markAllReady(String namespace, String name) {
        writeStatus(
                namespace,
                name,
                statefulSet -> {
                    int replicas = statefulSet.getSpec().getReplicas();
                    String revision = revision(statefulSet);
                    return new StatefulSetStatusBuilder()
                            .withReplicas(replicas)
                            .withReadyReplicas(replicas)
                            .withAvailableReplicas(replicas)
                            .withCurrentReplicas(replicas)
                            .withUpdatedReplicas(replicas)
                            .withCurrentRevision(revision)
                            .withUpdateRevision(revision)
                            .withObservedGeneration(statefulSet.getMetadata().getGeneration())
                            .build();
                });
    }

    /**
     * Reports that the controller has seen the StatefulSet's current template and is rolling it
     * out, with {@code ready} replicas ready; the revision it rolls from stays current.
     *
     * @return the revision it rolls out
     */
    public String startRollout(String namespace, String name, int ready) {
        StatefulSet rolledOut =
                writeStatus(
                        namespace,
                        name,
                        statefulSet -> {
                            StatefulSetStatus before = statefulSet.getStatus();
                            return new StatefulSetStatusBuilder()
                                    .withReplicas(statefulSet.getSpec().getReplicas())
                                    .withReadyReplicas(ready)
                                    .withAvailableReplicas(ready)
                                    .withCurrentRevision(
                                            before == null || before.getCurrentRevision() == null
                                                    ? revision(statefulSet)
                                                    : before.getCurrentRevision())
                                    .withUpdateRevision(revision(statefulSet))
                                    .withObservedGeneration(
                                            statefulSet.getMetadata().getGeneration())
                                    .build();
                        });
        return revision(rolledOut);
    }

    /**
     * Replaces the StatefulSet's status with what {@code status} makes of its current version, as
     * the controller does.
     *
     * @return the version the status was made from
     */
    private StatefulSet writeStatus(
            String namespace, String name, Function<StatefulSet, StatefulSetStatus> status) {
        AtomicReference<StatefulSet> written = new AtomicReference<>();
        ReadChangeWrite.run(
                () -> {
                    StatefulSet statefulSet = get(namespace, name);
                    statefulSet.setStatus(status.apply(statefulSet));
                    client.apps().statefulSets().resource(statefulSet).updateStatus();
                    written.set(statefulSet);
                });
        return written.get();
    }

    /** Creates or replaces the StatefulSet's pod {@code ordinal} at {@code revision}. */
    public void pod(String namespace, String name, int ordinal, String revision, PodState state) {
        StatefulSet statefulSet = get(namespace, name);
        // As the controller does: the template's labels, plus its own.
        Map<String, String> labels =
                new LinkedHashMap<>(statefulSet.getSpec().getTemplate().getMetadata().getLabels());
        labels.put(REVISION_LABEL, revision);
        String podName = name + "-" + ordinal;
        labels.put("statefulset.kubernetes.io/pod-name", podName);
        Pod pod =
                new PodBuilder()
                        .withNewMetadata()
                        .withName(podName)
                        .withNamespace(namespace)
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("db")
                        .withImage("simulated")
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus(state.ready() ? "True" : "False")
                        .endCondition()
                        .addToContainerStatuses(
                                state.waitingReason() == null
                                        ? new ContainerStatusBuilder()
                                                .withName("db")
                                                .withReady(state.ready())
                                                .withRestartCount(state.restarts())
                                                .withNewState()
                                                .withNewRunning()
                                                .endRunning()
                                                .endState()
                                                .build()
                                        : new ContainerStatusBuilder()
                                                .withName("db")
                                                .withReady(false)
                                                .withRestartCount(state.restarts())
                                                .withNewState()
                                                .withNewWaiting()
                                                .withReason(state.waitingReason())
                                                .endWaiting()
                                                .endState()
                                                .build())
                        .endStatus()
                        .build();
        client.pods().inNamespace(namespace).withName(podName).delete();
        // The API server keeps no status a pod is created with: the kubelet reports it after.
        Pod created = client.resource(pod).create();
        created.setStatus(pod.getStatus());
        client.resource(created).updateStatus();
    }

    /** The pod, or null. */
    public Pod pod(String namespace, String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    private StatefulSet get(String namespace, String name) {
        return client.apps().statefulSets().inNamespace(namespace).withName(name).get();
    }
}
