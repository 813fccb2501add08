package dev.vigil.engine;

import dev.vigil.resources.ServerTls;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a database's TLS Secret must hold: {@code tls.crt} and {@code tls.key}, and, for engines
 * whose members verify each other's certificates ({@link DatabaseEngine#tlsNeedsCa}, MongoDB), also
 * {@code ca.crt}, which Vigil's clients need too.
 */
public final class TlsSecretCheck {

    public static final String MONGODB_NEEDS_CA =
            "has no key \"ca.crt\": MongoDB members verify each other's certificates against it";

    private TlsSecretCheck() {}

    /**
     * What is wrong with the TLS Secret, or nothing.
     *
     * @param field the spec field the problems name
     */
    static List<FieldError> problems(
            boolean needsCa, String field, String name, Optional<Secret> secret) {
        List<FieldError> problems =
                new ArrayList<>(
                        SecretCredentials.missing(
                                field,
                                name,
                                secret,
                                List.of(ServerTls.CERTIFICATE_KEY, ServerTls.PRIVATE_KEY)));
        if (secret.isPresent()
                && needsCa
                && SecretCredentials.value(secret.get(), ServerTls.CA_KEY).isEmpty()) {
            problems.add(new FieldError(field, "Secret \"" + name + "\" " + MONGODB_NEEDS_CA));
        }
        return problems;
    }

    /** Whether cert-manager has not written the Secret, or not its certificate and key yet. */
    static boolean notIssuedYet(Optional<Secret> secret) {
        return secret.isEmpty()
                || SecretCredentials.value(secret.get(), ServerTls.CERTIFICATE_KEY).isEmpty()
                || SecretCredentials.value(secret.get(), ServerTls.PRIVATE_KEY).isEmpty();
    }
}
