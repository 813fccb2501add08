package dev.vigil.credentials;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.CredentialKeys;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Secrets Vigil generates for a database's credentials. Values go in {@code stringData} rather
 * than base64 {@code data}, so that {@code vigil render}, which puts {@link
 * CredentialGenerator#GENERATED_AT_RUN_TIME} there, shows readable text; the API server stores them
 * in {@code data} as usual.
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

    /** The Opaque Secret {@code name} holding {@code values}, owned by {@code database}. */
    public static Secret of(MonitoredDatabase database, String name, Map<String, String> values) {
        return new SecretBuilder()
                .withMetadata(OwnedMetadata.of(database, name, StandardLabels.COMPONENT_DATABASE))
                .withType("Opaque")
                .withStringData(values)
                .build();
    }
}
