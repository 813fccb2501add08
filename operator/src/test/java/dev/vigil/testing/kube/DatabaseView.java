package dev.vigil.testing.kube;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import dev.vigil.status.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a test sees of one MonitoredDatabase through the API (itself, its status and Vigil's
 * Events), and how it changes it.
 */
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

    /**
     * Changes the resource as a user does: reads it, changes it, writes it back; and again, from
     * the new version, when the operator wrote its status in between (the API server answers 409 to
     * a write of an outdated version).
     */
    public void edit(Consumer<MonitoredDatabase> change) {
        ReadChangeWrite.run(
                () -> {
                    MonitoredDatabase database = current();
                    change.accept(database);
                    client.resource(database).update();
                });
    }

    /**
     * Every Event Vigil recorded in the namespace, in no particular order; the API server records
     * some of its own there too (about Services), which are left out.
     */
    public List<Event> vigilEvents() {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> EventRecorder.COMPONENT.equals(e.getReportingComponent()))
                .toList();
    }

    /** The reasons of {@link #vigilEvents()}. */
    public List<String> eventReasons() {
        return vigilEvents().stream().map(Event::getReason).toList();
    }

    /** The reasons of {@link #vigilEvents()} of type Warning. */
    public List<String> warningReasons() {
        return vigilEvents().stream()
                .filter(e -> "Warning".equals(e.getType()))
                .map(Event::getReason)
                .toList();
    }
}
