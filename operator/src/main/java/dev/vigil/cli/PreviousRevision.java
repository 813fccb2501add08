package dev.vigil.cli;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.validation.DeployedState;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The previous revision of the MonitoredDatabases ({@code vigil validate --previous}), standing in
 * for what runs, so that a CI job refuses the changes the operator would refuse (a PostgreSQL
 * major-version change and a storage shrink) and those the API server refuses (a new engine or
 * mode).
 */
final class PreviousRevision {

    /** Resources without a namespace compare by name within this one, as kubectl applies them. */
    private static final String UNSET_NAMESPACE = "";

    private final Map<String, MonitoredDatabase> byNamespaceAndName = new HashMap<>();

    private PreviousRevision() {}

    /** Nothing to compare with: every resource is new. */
    static PreviousRevision none() {
        return new PreviousRevision();
    }

    /** The MonitoredDatabases among {@code documents}; other documents are ignored. */
    static PreviousRevision of(List<ManifestDocument> documents) {
        PreviousRevision previous = new PreviousRevision();
        for (ManifestDocument document : documents) {
            if (ManifestValidator.SERVED_API_VERSION.equals(document.apiVersion())
                    && ManifestValidator.MONITORED_DATABASE.equals(document.kind())) {
                previous.byNamespaceAndName.put(
                        key(document),
                        SchemaDefaults.withDefaults(
                                Serialization.jsonMapper()
                                        .convertValue(
                                                document.content(), MonitoredDatabase.class)));
            }
        }
        return previous;
    }

    /** The previous revision of {@code document}, defaulted, or empty if it is new. */
    Optional<MonitoredDatabase> previousOf(ManifestDocument document) {
        return Optional.ofNullable(byNamespaceAndName.get(key(document)));
    }

    /** What the previous revision of {@code document} deployed, or nothing if it is new. */
    DeployedState deployedFor(ManifestDocument document) {
        MonitoredDatabase previous = byNamespaceAndName.get(key(document));
        if (previous == null || previous.getSpec() == null) {
            return DeployedState.NONE;
        }
        return new DeployedState(
                Optional.ofNullable(previous.getSpec().getVersion()),
                Optional.ofNullable(previous.getSpec().getStorage()).map(s -> s.getSize()));
    }

    private static String key(ManifestDocument document) {
        String namespace = document.namespace().isEmpty() ? UNSET_NAMESPACE : document.namespace();
        return namespace + "/" + document.name();
    }
}
