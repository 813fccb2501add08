package dev.vigil.engine;

import dev.vigil.names.CredentialKeys;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a user name and password from a Secret with keys {@code username} and {@code password}. The
 * values never leave the returned {@link DatabaseCredentials}.
 */
public final class SecretCredentials {

    private SecretCredentials() {}

    /** The credentials in {@code secret}, or empty when a key is missing. */
    static Optional<DatabaseCredentials> read(Secret secret) {
        Optional<String> username = value(secret, CredentialKeys.USERNAME);
        Optional<String> password = value(secret, CredentialKeys.PASSWORD);
        if (username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseCredentials(username.get(), password.get()));
    }

    /**
     * What is wrong with a Secret the spec names, or nothing.
     *
     * @param field the spec field that names it
     */
    static List<FieldError> problems(String field, String name, Optional<Secret> secret) {
        return missing(
                field, name, secret, List.of(CredentialKeys.USERNAME, CredentialKeys.PASSWORD));
    }

    /**
     * What is wrong with a Secret the spec names that must hold {@code keys}: that it does not
     * exist, or each key it lacks (an empty value counts as lacking).
     *
     * @param field the spec field that names it
     */
    static List<FieldError> missing(
            String field, String name, Optional<Secret> secret, List<String> keys) {
        List<FieldError> problems = new ArrayList<>();
        if (secret.isEmpty()) {
            problems.add(
                    new FieldError(
                            field, "Secret \"" + name + "\" does not exist in this namespace"));
            return problems;
        }
        for (String key : keys) {
            if (value(secret.get(), key).isEmpty()) {
                problems.add(
                        new FieldError(
                                field, "Secret \"" + name + "\" has no key \"" + key + "\""));
            }
        }
        return problems;
    }

    // The API server folds stringData into data on write; the test API server does not.
    public static Optional<String> value(Secret secret, String key) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(key) != null && !data.get(key).isEmpty()) {
            return Optional.of(
                    new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8));
        }
        Map<String, String> stringData = secret.getStringData();
        if (stringData != null && stringData.get(key) != null && !stringData.get(key).isEmpty()) {
            return Optional.of(stringData.get(key));
        }
        return Optional.empty();
    }
}
