package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The pods of a ReplicaSet, as the real ReplicaSet controller handles them: active pods (not
 * finished, not terminating) are what it counts; new pods are named {@code <replicaset>-<5 random
 * characters>} from the template; surplus pods are deleted in the order {@code ActivePods} sorts
 * them (unscheduled, then pending, then not ready first; among ready pods the ones with more
 * restarts, then the newest); the status counts them.
 */
public final class ReplicaSetPods {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ReplicaSetPods() {}

    /** The pods the controller counts: not Failed or Succeeded, not terminating. */
    public static List<Pod> active(List<Pod> pods) {
        return pods.stream()
                .filter(p -> !PodReadiness.hasFinished(p) && !PodReadiness.isTerminating(p))
                .toList();
    }

    /** {@code spec.replicas}, default 1. */
    public static int replicas(ReplicaSet replicaSet) {
        Integer replicas = replicaSet.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    /** A new pod of the ReplicaSet from its template, its name suffix drawn from {@code random}. */
    public static Pod newPod(ReplicaSet replicaSet, RandomGenerator random) {
        PodTemplateSpec template = SERIALIZATION.clone(replicaSet.getSpec().getTemplate());
        ObjectMeta templateMeta =
                template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(replicaSet.getMetadata().getName() + "-" + randomSuffix(random));
        meta.setNamespace(replicaSet.getMetadata().getNamespace());
        meta.setLabels(
                templateMeta.getLabels() == null ? null : new HashMap<>(templateMeta.getLabels()));
        meta.setAnnotations(
                templateMeta.getAnnotations() == null
                        ? null
                        : new HashMap<>(templateMeta.getAnnotations()));
        meta.setFinalizers(templateMeta.getFinalizers());
        meta.setOwnerReferences(List.of(ControllerRefs.controllerRef(replicaSet)));
        Pod pod = new Pod();
        pod.setMetadata(meta);
        pod.setSpec(template.getSpec() == null ? new PodSpec() : template.getSpec());
        // The API server sets this on create; set here too for servers that do not.
        pod.setStatus(new PodStatusBuilder().withPhase("Pending").build());
        return pod;
    }

    /** The {@code count} active pods to delete first when scaling down. */
    public static List<Pod> toDelete(List<Pod> activePods, int count) {
        List<Pod> ordered = new ArrayList<>(activePods);
        ordered.sort(DELETION_ORDER);
        return ordered.subList(0, Math.min(Math.max(count, 0), ordered.size()));
    }

    /** The status of the ReplicaSet whose active pods are {@code activePods}, at {@code now}. */
    public static ReplicaSetStatus status(
            ReplicaSet replicaSet, List<Pod> activePods, Instant now) {
        Map<String, String> templateLabels =
                replicaSet.getSpec().getTemplate().getMetadata() == null
                        ? Map.of()
                        : Objects.requireNonNullElse(
                                replicaSet.getSpec().getTemplate().getMetadata().getLabels(),
                                Map.of());
        int minReadySeconds =
                Objects.requireNonNullElse(replicaSet.getSpec().getMinReadySeconds(), 0);
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod pod : activePods) {
            Map<String, String> labels =
                    Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
            if (labels.entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (PodReadiness.isReady(pod)) {
                ready++;
                if (PodReadiness.isAvailable(pod, minReadySeconds, now)) {
                    available++;
                }
            }
        }
        return new ReplicaSetStatusBuilder()
                .withReplicas(activePods.size())
                .withFullyLabeledReplicas(fullyLabeled)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .withObservedGeneration(replicaSet.getMetadata().getGeneration())
                .build();
    }

    private static String randomSuffix(RandomGenerator random) {
        StringBuilder suffix = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            suffix.append(
                    TemplateHash.SAFE_ALPHABET.charAt(
                            random.nextInt(TemplateHash.SAFE_ALPHABET.length())));
        }
        return suffix.toString();
    }

    private static final Comparator<Pod> DELETION_ORDER =
            Comparator.comparing(ReplicaSetPods::isScheduled)
                    .thenComparingInt(ReplicaSetPods::phaseRank)
                    .thenComparing(PodReadiness::isReady)
                    .thenComparing(ReplicaSetPods::restarts, Comparator.reverseOrder())
                    .thenComparing(ReplicaSetPods::creation, Comparator.reverseOrder());

    private static boolean isScheduled(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null;
    }

    private static int phaseRank(Pod pod) {
        String phase = PodReadiness.phase(pod);
        if ("Pending".equals(phase) || phase == null) {
            return 0;
        }
        return "Running".equals(phase) ? 2 : 1;
    }

    private static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .map(ContainerStatus::getRestartCount)
                .filter(Objects::nonNull)
                .mapToInt(Integer::intValue)
                .sum();
    }

    private static String creation(Pod pod) {
        return Objects.requireNonNullElse(pod.getMetadata().getCreationTimestamp(), "");
    }
}
