package dev.vigil.credentials;

import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.StorageSpec;
import dev.vigil.names.CredentialKeys;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Secrets Vigil generates for a database's credentials. Values go in {@code stringData} rather
 * than base64 {@code data}, so that {@code vigil render}, which puts {@link
 * CredentialGenerator#GENERATED_AT_RUN_TIME} there, shows readable text; the API server stores them
 * in {@code data} as usual.
 *
 * <p>They hold what opens the data: the database's users and their passwords live in its volumes
 * too. So while a Managed database's volumes outlive it ({@code spec.storage.retainOnDelete}, the
 * default), its credential Secrets carry no owner reference and outlive it with them; a database
 * created again with the same name finds both, and its members start on the old data with the
 * passwords that open it. With {@code retainOnDelete: false} they are owned and go with the data.
 */
public final class CredentialSecrets {

    private CredentialSecrets() {}

    /** The Secret {@code name} holding a user's {@link CredentialKeys} username and password. */
    public static Secret user(
            MonitoredDatabase database, String name, String username, String password) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CredentialKeys.USERNAME, username);
        values.put(CredentialKeys.PASSWORD, password);
        return of(database, name, values);
    }

    /**
     * The Opaque Secret {@code name} holding {@code values}, owned by {@code database} unless it
     * must outlive it ({@link #keptWithTheVolumes}).
     */
    public static Secret of(MonitoredDatabase database, String name, Map<String, String> values) {
        ObjectMeta metadata = OwnedMetadata.of(database, name, StandardLabels.COMPONENT_DATABASE);
        if (keptWithTheVolumes(database)) {
            metadata.setOwnerReferences(null);
        }
        return new SecretBuilder()
                .withMetadata(metadata)
                .withType("Opaque")
                .withStringData(values)
                .build();
    }

    /**
     * Whether the credential Secrets outlive the database: it is Managed and keeps its volumes when
     * deleted.
     */
    public static boolean keptWithTheVolumes(MonitoredDatabase database) {
        if (database.getSpec().getMode() == DatabaseMode.External) {
            return false;
        }
        StorageSpec storage = database.getSpec().getStorage();
        return storage == null || !Boolean.FALSE.equals(storage.getRetainOnDelete());
    }
}
