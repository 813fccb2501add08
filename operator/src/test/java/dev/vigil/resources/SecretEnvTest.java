package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.SecretKeyReference;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;

class SecretEnvTest {

    @Test
    void theValueComesFromTheSecretKeyAndNeverAppearsInThePodSpec() {
        SecretKeyReference key = new SecretKeyReference();
        key.setName("cloud-db");
        key.setKey("uri");

        EnvVar variable = SecretEnv.of("DB_URI", key);

        assertThat(variable).isEqualTo(SecretEnv.of("DB_URI", "cloud-db", "uri"));
        assertThat(variable.getValue()).isNull();
        assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("cloud-db");
        assertThat(variable.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("uri");
    }
}
