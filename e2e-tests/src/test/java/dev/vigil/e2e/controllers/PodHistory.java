package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records, in order, the pods created and deleted in a namespace, from a watch. */
final class PodHistory implements AutoCloseable {

    private final List<String> created = new CopyOnWriteArrayList<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private final List<String> all = new CopyOnWriteArrayList<>();
    private final Watch watch;

    PodHistory(KubernetesClient client, String namespace) {
        watch =
                client.pods()
                        .inNamespace(namespace)
                        .watch(
                                new Watcher<>() {
                                    @Override
                                    public void eventReceived(Action action, Pod pod) {
                                        String name = pod.getMetadata().getName();
                                        if (action == Action.ADDED) {
                                            created.add(name);
                                            all.add("+" + name);
                                        } else if (action == Action.DELETED) {
                                            deleted.add(name);
                                            all.add("-" + name);
                                        }
                                    }

                                    @Override
                                    public void onClose(WatcherException cause) {}
                                });
    }

    /** Names of the pods created, in order. */
    List<String> created() {
        return List.copyOf(created);
    }

    /** Names of the pods deleted, in order. */
    List<String> deleted() {
        return List.copyOf(deleted);
    }

    /** Every creation ({@code +name}) and deletion ({@code -name}), in order. */
    List<String> all() {
        return List.copyOf(all);
    }

    @Override
    public void close() {
        watch.close();
    }
}
