package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.scenarios.CredentialLeakScan.Credential;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The credentials Vigil generates for both engines (PostgreSQL passwords, MongoDB passwords and
 * keyfile) are what {@link CredentialLeakScan} looks for after every scenario, and the scan finds
 * one where it was copied. The scan itself, run by {@link E2EExtension} after this scenario too,
 * proves none of them leaked into the operator's log, Events, statuses or {@code kubectl describe}.
 */
@ExtendWith(E2EExtension.class)
class SecretLeakE2E {

    @Test
    void generatedCredentialsOfBothEnginesAreScannedForAndAFoundCopyIsReported(Scenario scenario)
            throws Exception {
        scenario.apply(Manifests.postgres("vault", 2));
        scenario.apply(Manifests.mongo("keys", 3));
        scenario.waitReady("vault");
        scenario.waitReady("keys");

        List<Credential> credentials =
                CredentialLeakScan.credentials(
                        scenario.client()
                                .secrets()
                                .inNamespace(scenario.namespace())
                                .list()
                                .getItems());
        assertThat(credentials)
                .as("the generated credentials the scan looks for")
                .extracting(Credential::secret)
                .anyMatch(name -> name.startsWith("vault"))
                .anyMatch(name -> name.startsWith("keys"));
        assertThat(credentials).extracting(Credential::key).contains("password", "keyfile");
        assertThat(Files.readString(scenario.local().operatorLog(), StandardCharsets.UTF_8))
                .as("the operator's log the scan reads")
                .contains("vault");
        assertThat(CredentialLeakScan.scan(scenario)).as("leaks so far").isEmpty();

        Credential copied = credentials.get(0);
        String eventName = "copied-credential";
        scenario.client()
                .v1()
                .events()
                .inNamespace(scenario.namespace())
                .resource(
                        new EventBuilder()
                                .withNewMetadata()
                                .withName(eventName)
                                .endMetadata()
                                .withNewInvolvedObject()
                                .withKind("Secret")
                                .withName(copied.secret())
                                .withNamespace(scenario.namespace())
                                .endInvolvedObject()
                                .withReason("Copied")
                                .withMessage("value: " + copied.value())
                                .withType("Normal")
                                .build())
                .create();
        try {
            List<String> found = CredentialLeakScan.scan(scenario);
            assertThat(found)
                    .containsExactly(copied + " appears in the Events of " + scenario.namespace());
            assertThat(String.join("\n", found)).doesNotContain(copied.value());
        } finally {
            scenario.client()
                    .v1()
                    .events()
                    .inNamespace(scenario.namespace())
                    .withName(eventName)
                    .delete();
        }
    }
}
