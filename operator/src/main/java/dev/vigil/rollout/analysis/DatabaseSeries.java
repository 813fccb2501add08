package dev.vigil.rollout.analysis;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import java.util.Objects;

/**
 * How one database's series are told apart from every other's in Prometheus: the exporter's carry
 * {@code namespace} and {@code vigil_database} (Vigil's monitor adds them) and {@code pod};
 * kube-state-metrics' carry {@code namespace} and {@code pod}. Both matchers keep only the pods
 * under test, through {@value ScopedQuery#PODS}.
 *
 * @param namespace the database's namespace
 * @param name the database's name
 */
public record DatabaseSeries(String namespace, String name) {

    /** Where a resource that names no namespace goes, as with kubectl. */
    static final String DEFAULT_NAMESPACE = "default";

    public DatabaseSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** The series of {@code database}, from its metadata. */
    public static DatabaseSeries of(MonitoredDatabase database) {
        String namespace = database.getMetadata().getNamespace();
        return new DatabaseSeries(
                namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace,
                database.getMetadata().getName());
    }

    /** The label matchers of the exporter's series of the pods under test. */
    public String exporter() {
        return "namespace=\""
                + namespace
                + "\", vigil_database=\""
                + name
                + "\", pod=~\""
                + ScopedQuery.PODS
                + "\"";
    }

    /** The label matchers of kube-state-metrics' series of the pods under test. */
    public String pods() {
        return "namespace=\"" + namespace + "\", pod=~\"" + ScopedQuery.PODS + "\"";
    }
}
