package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.cluster.LocalCluster;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The passwords Vigil generates live in Secrets only: after databases of both engines were created,
 * none appears in the operator's log, the Events or the statuses.
 */
@ExtendWith(E2EExtension.class)
class SecretLeakE2E {

    @Test
    void generatedPasswordsAppearNowhereButInSecrets(Scenario scenario) throws Exception {
        LocalCluster cluster = scenario.local();
        scenario.apply(Manifests.postgres("vault", 2));
        scenario.apply(Manifests.mongo("keys", 3));
        scenario.waitReady("vault");
        scenario.waitReady("keys");

        List<String> passwords = generatedPasswords(scenario);
        assertThat(passwords).as("the databases' generated passwords").hasSizeGreaterThan(4);
        String operatorLog = Files.readString(cluster.operatorLog(), StandardCharsets.UTF_8);
        String events = scenario.kubectl("get", "events", "-o", "yaml").orThrow().stdout();
        String statuses = scenario.kubectl("get", "mdb", "-o", "yaml").orThrow().stdout();
        String described = scenario.kubectl("describe", "mdb").orThrow().stdout();

        assertThat(operatorLog).as("operator log").isNotBlank();
        assertThat(events).contains("vault");
        for (String password : passwords) {
            assertThat(operatorLog).as("operator log").doesNotContain(password);
            assertThat(events).as("Events").doesNotContain(password);
            assertThat(statuses).as("statuses").doesNotContain(password);
            assertThat(described).as("kubectl describe").doesNotContain(password);
        }
    }

    private static List<String> generatedPasswords(Scenario scenario) {
        List<String> passwords = new ArrayList<>();
        for (Secret secret :
                scenario.client().secrets().inNamespace(scenario.namespace()).list().getItems()) {
            if (secret.getData() == null) {
                continue;
            }
            secret.getData().entrySet().stream()
                    .filter(e -> e.getKey().contains("password") || e.getKey().contains("key"))
                    .map(
                            e ->
                                    new String(
                                            Base64.getDecoder().decode(e.getValue()),
                                            StandardCharsets.UTF_8))
                    .filter(value -> value.length() >= 12)
                    .forEach(passwords::add);
        }
        return passwords;
    }
}
