package dev.vigil.testing.kube;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** What a test sees of one MonitoredDatabase through the API: itself, its status and Events. */
public final class DatabaseView {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public DatabaseView(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    /** The resource as the API server has it now, or null. */
    public MonitoredDatabase current() {
        return client.resources(MonitoredDatabase.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    /** Its StatefulSet, named like it, or null. */
    public StatefulSet statefulSet() {
        return client.apps().statefulSets().inNamespace(namespace).withName(name).get();
    }

    /** Its condition of {@code type}, or null while it has none. */
    public Condition condition(String type) {
        MonitoredDatabase database = current();
        return database == null || database.getStatus() == null
                ? null
                : ConditionFactory.find(database.getStatus().getConditions(), type).orElse(null);
    }

    /** Whether its Ready condition is True. */
    public boolean isReady() {
        Condition ready = condition(ConditionType.READY);
        return ready != null && "True".equals(ready.getStatus());
    }

    /** The reasons of every Event of the namespace, oldest first. */
    public List<String> eventReasons() {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .map(Event::getReason)
                .toList();
    }
}
