package dev.vigil.names;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kubernetes recommended {@code app.kubernetes.io/*} labels Vigil puts on what it creates.
 *
 * <p>Selectors use only name, instance and component: those never change for a database, whereas
 * the version label changes on every upgrade and a StatefulSet's selector is immutable.
 */
public final class StandardLabels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String VERSION = "app.kubernetes.io/version";

    /** Component of the database itself: its pods, Services, Secrets and configuration. */
    public static final String COMPONENT_DATABASE = "database";

    /** Component of the metrics endpoint: the exporter Service and what scrapes it. */
    public static final String COMPONENT_METRICS = "metrics";

    /** Component of the scheduled backup runs of a MongoDB database: its CronJob and their pods. */
    public static final String COMPONENT_BACKUP = "backup";

    /** Component of the pod restoring a MongoDB database from a backup ({@code spec.bootstrap}). */
    public static final String COMPONENT_RESTORE = "restore";

    /**
     * Label Vigil puts on each PostgreSQL pod once it has observed the member's role. The pod
     * template never carries it: a new pod serves nobody until Vigil has seen what it is.
     */
    public static final String ROLE = "vigil.dev/role";

    /** {@link #ROLE} of the member that accepts writes. */
    public static final String ROLE_PRIMARY = "primary";

    /** {@link #ROLE} of a streaming standby; the read-only Service selects these. */
    public static final String ROLE_STANDBY = "standby";

    /**
     * The label the StatefulSet controller puts on each of its pods, with the pod's name: the only
     * label that tells one member from another.
     */
    public static final String STATEFULSET_POD_NAME = "statefulset.kubernetes.io/pod-name";

    public static final String PART_OF_VIGIL = "vigil";
    public static final String MANAGED_BY_VIGIL = "vigil-operator";

    private StandardLabels() {}

    /** The labels that select {@code component} of {@code database}: name, instance, component. */
    public static Map<String, String> selector(MonitoredDatabase database, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, database.getSpec().getEngine().kubernetesName());
        labels.put(INSTANCE, database.getMetadata().getName());
        labels.put(COMPONENT, component);
        return labels;
    }

    /** The labels of an object Vigil creates: the selector labels, part-of and managed-by. */
    public static Map<String, String> forObject(MonitoredDatabase database, String component) {
        Map<String, String> labels = selector(database, component);
        labels.put(PART_OF, PART_OF_VIGIL);
        labels.put(MANAGED_BY, MANAGED_BY_VIGIL);
        return labels;
    }

    /** The labels of a database pod: the object labels plus the engine version it runs. */
    public static Map<String, String> forPod(MonitoredDatabase database, String component) {
        Map<String, String> labels = forObject(database, component);
        labels.put(VERSION, database.getSpec().getVersion());
        return labels;
    }
}
