package dev.vigil.resources;

import dev.vigil.api.v1alpha1.SecretKeyReference;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/**
 * Environment variables whose values come from a Secret key, the only way Vigil hands a credential
 * to a container: the value never appears in a pod spec.
 */
public final class SecretEnv {

    private SecretEnv() {}

    /** The variable {@code variable}, set from {@code key} of the Secret {@code secret}. */
    public static EnvVar of(String variable, String secret, String key) {
        return new EnvVarBuilder()
                .withName(variable)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(secret)
                .withKey(key)
                .endSecretKeyRef()
                .endValueFrom()
                .build();
    }

    /** The variable {@code variable}, set from the Secret key {@code key} refers to. */
    public static EnvVar of(String variable, SecretKeyReference key) {
        return of(variable, key.getName(), key.getKey());
    }
}
