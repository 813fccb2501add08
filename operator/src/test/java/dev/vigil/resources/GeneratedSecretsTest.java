package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.CredentialsSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.CredentialSecrets;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedSecretsTest {

    /** Numbers each password, so the order in which they were generated shows. */
    private static CredentialGenerator counting() {
        return new CredentialGenerator() {
            private int passwords;

            @Override
            public String password() {
                return "password-" + ++passwords;
            }

            @Override
            public String mongoKeyfile() {
                return "keyfile";
            }
        };
    }

    private static MonitoredDatabase defaulted() {
        return SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", "shop"));
    }

    private static List<Secret> everyUser(MonitoredDatabase database) {
        return GeneratedSecrets.of(database, counting())
                .admin("root")
                .replication("streamer")
                .monitoring("watcher")
                .secrets();
    }

    @Test
    void eachUserGetsItsSecretInTheOrderAskedWithAPasswordGeneratedThen() {
        List<Secret> secrets = everyUser(defaulted());

        assertThat(secrets)
                .extracting(secret -> secret.getMetadata().getName())
                .containsExactly("catalog-admin", "catalog-replication", "catalog-monitoring");
        assertThat(secrets)
                .extracting(Secret::getStringData)
                .containsExactly(
                        Map.of("username", "root", "password", "password-1"),
                        Map.of("username", "streamer", "password", "password-2"),
                        Map.of("username", "watcher", "password", "password-3"));
    }

    @Test
    void aUserWhoseSecretTheSpecNamesGetsNone() {
        MonitoredDatabase database = defaulted();
        CredentialsSpec named = new CredentialsSpec();
        named.setAdminSecretName("root-from-vault");
        named.setReplicationSecretName("streamer-from-vault");
        named.setMonitoringSecretName("watcher-from-vault");
        database.getSpec().setCredentials(named);

        assertThat(everyUser(database)).isEmpty();
    }

    @Test
    void theMonitoringUserNeedsTheExporter() {
        MonitoredDatabase database = defaulted();
        database.getSpec().getExporter().setEnabled(false);

        assertThat(everyUser(database))
                .extracting(secret -> secret.getMetadata().getName())
                .containsExactly("catalog-admin", "catalog-replication");
    }

    @Test
    void theEnginesOwnSecretsComeWhereTheyWereAdded() {
        MonitoredDatabase database = defaulted();
        Secret keyfile = CredentialSecrets.of(database, "catalog-keyfile", Map.of("keyfile", "k"));

        assertThat(GeneratedSecrets.of(database, counting()).admin("root").add(keyfile).secrets())
                .extracting(secret -> secret.getMetadata().getName())
                .containsExactly("catalog-admin", "catalog-keyfile");
    }
}
