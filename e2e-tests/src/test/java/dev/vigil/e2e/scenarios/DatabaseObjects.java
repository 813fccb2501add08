package dev.vigil.e2e.scenarios;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a database is made of in its namespace, by identity: each StatefulSet, pod, Service, Secret
 * and claim by kind and name with its uid, and each container's restart count. Two snapshots are
 * equal when nothing was deleted, replaced or restarted in between.
 *
 * @param objects {@code kind/name} to uid
 * @param restarts {@code pod/container} to its restart count
 */
record DatabaseObjects(Map<String, String> objects, Map<String, Integer> restarts) {

    /** The objects of database {@code name} in the scenario's namespace now. */
    static DatabaseObjects of(Scenario scenario, String name) {
        String namespace = scenario.namespace();
        Map<String, String> objects = new TreeMap<>();
        Map<String, Integer> restarts = new TreeMap<>();
        add(
                objects,
                scenario.client().apps().statefulSets().inNamespace(namespace).list().getItems());
        add(objects, scenario.client().services().inNamespace(namespace).list().getItems());
        add(objects, scenario.client().secrets().inNamespace(namespace).list().getItems());
        add(
                objects,
                scenario.client()
                        .persistentVolumeClaims()
                        .inNamespace(namespace)
                        .list()
                        .getItems());
        List<Pod> pods = scenario.pods(name);
        add(objects, pods);
        for (Pod pod : pods) {
            pod.getStatus()
                    .getContainerStatuses()
                    .forEach(
                            status ->
                                    restarts.put(
                                            pod.getMetadata().getName() + "/" + status.getName(),
                                            status.getRestartCount()));
        }
        return new DatabaseObjects(objects, restarts);
    }

    private static void add(Map<String, String> objects, List<? extends HasMetadata> items) {
        for (HasMetadata item : items) {
            objects.put(
                    item.getKind() + "/" + item.getMetadata().getName(),
                    item.getMetadata().getUid());
        }
    }
}
