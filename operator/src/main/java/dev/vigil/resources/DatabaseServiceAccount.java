package dev.vigil.resources;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.ServiceAccountSpec;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ServiceAccount {@code <name>} a database's pods run as: the members of a Managed database,
 * the exporter of an External one. It exists so those pods do not share the namespace's {@code
 * default} account, which other workloads may have been granted rights to. Vigil binds no role to
 * it, and neither the account nor the pods mount its token: the pods never call the API server.
 *
 * <p>It carries the annotations of {@code spec.serviceAccount.annotations} (a cloud identity, say),
 * and {@value #SPEC_ANNOTATION_KEYS} listing their keys. Vigil writes only when the live account
 * lacks something it wants, so without that list removing an annotation from the spec would change
 * nothing; with it, the list changes, the account is applied again, and server-side apply drops the
 * annotation Vigil no longer sets.
 */
public final class DatabaseServiceAccount {

    /** The keys taken from {@code spec.serviceAccount.annotations}, sorted, comma-separated. */
    public static final String SPEC_ANNOTATION_KEYS = "vigil.dev/annotations-from-spec";

    private DatabaseServiceAccount() {}

    /**
     * The ServiceAccount of {@code database}, labelled as part of {@code component} (the component
     * of the pods that use it).
     */
    public static ServiceAccount build(MonitoredDatabase database, String component) {
        ObjectMeta metadata =
                OwnedMetadata.of(database, ResourceNames.serviceAccount(database), component);
        metadata.setAnnotations(annotations(database.getSpec().getServiceAccount()));
        return new ServiceAccountBuilder()
                .withMetadata(metadata)
                .withAutomountServiceAccountToken(false)
                .build();
    }

    private static Map<String, String> annotations(ServiceAccountSpec spec) {
        Map<String, String> fromSpec =
                spec == null || spec.getAnnotations() == null
                        ? Map.of()
                        : new TreeMap<>(spec.getAnnotations());
        Map<String, String> annotations = new LinkedHashMap<>(fromSpec);
        annotations.put(SPEC_ANNOTATION_KEYS, String.join(",", fromSpec.keySet()));
        return annotations;
    }
}
