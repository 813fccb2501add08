package dev.vigil.e2e.scenarios;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue #7's scan, run after every scenario: no credential held in a Secret of the scenario's
 * namespace (the passwords and MongoDB keyfile Vigil generates, and any a user provided) appears in
 * the operator's log, the namespace's Events, the MonitoredDatabases' and AlertPolicies' objects
 * with their statuses, or {@code kubectl describe} of the databases. A finding names the Secret,
 * the key and where the value was found, never the value.
 */
final class CredentialLeakScan {

    /** Shorter values (a port, {@code true}) could appear by chance; credentials are longer. */
    static final int MIN_LENGTH = 12;

    private CredentialLeakScan() {}

    /** A credential to look for: where it is kept, and its value. */
    record Credential(String secret, String key, String value) {

        @Override
        public String toString() {
            return "Secret " + secret + " key " + key;
        }
    }

    /**
     * Scans the scenario's namespace.
     *
     * @return one line per credential found somewhere, empty when none leaked
     */
    static List<String> scan(Scenario scenario) {
        List<Credential> credentials =
                credentials(
                        scenario.client()
                                .secrets()
                                .inNamespace(scenario.namespace())
                                .list()
                                .getItems());
        if (credentials.isEmpty()) {
            return List.of();
        }
        return findings(credentials, places(scenario));
    }

    /**
     * Every value of the Secrets that can be a credential: not a username, and at least {@value
     * #MIN_LENGTH} characters long.
     */
    static List<Credential> credentials(List<Secret> secrets) {
        List<Credential> credentials = new ArrayList<>();
        for (Secret secret : secrets) {
            Map<String, String> data = new TreeMap<>();
            if (secret.getData() != null) {
                data.putAll(secret.getData());
            }
            for (Map.Entry<String, String> entry : data.entrySet()) {
                String key = entry.getKey().toLowerCase(Locale.ROOT);
                if (key.endsWith("username") || key.equals("user")) {
                    continue;
                }
                String value =
                        new String(
                                Base64.getDecoder().decode(entry.getValue()),
                                StandardCharsets.UTF_8);
                if (value.strip().length() >= MIN_LENGTH) {
                    credentials.add(
                            new Credential(
                                    secret.getMetadata().getName(), entry.getKey(), value.strip()));
                }
            }
        }
        return credentials;
    }

    /** Where each credential appears, by the names of {@code places} (text by where it is from). */
    static List<String> findings(List<Credential> credentials, Map<String, String> places) {
        List<String> findings = new ArrayList<>();
        for (Credential credential : credentials) {
            for (Map.Entry<String, String> place : places.entrySet()) {
                if (place.getValue().contains(credential.value())) {
                    findings.add(credential + " appears in " + place.getKey());
                }
            }
        }
        return findings;
    }

    private static Map<String, String> places(Scenario scenario) {
        Map<String, String> places = new LinkedHashMap<>();
        scenario.cluster()
                .local()
                .ifPresent(
                        cluster -> {
                            try {
                                places.put(
                                        "the operator's log " + cluster.operatorLog(),
                                        Files.readString(
                                                cluster.operatorLog(), StandardCharsets.UTF_8));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
        String namespace = scenario.namespace();
        places.put(
                "the Events of " + namespace,
                Serialization.asYaml(
                        scenario.client().v1().events().inNamespace(namespace).list()));
        places.put(
                "the MonitoredDatabases of " + namespace + " (spec and status)",
                Serialization.asYaml(
                        scenario.client()
                                .resources(MonitoredDatabase.class)
                                .inNamespace(namespace)
                                .list()));
        places.put(
                "the AlertPolicies of " + namespace + " (spec and status)",
                Serialization.asYaml(
                        scenario.client()
                                .resources(AlertPolicy.class)
                                .inNamespace(namespace)
                                .list()));
        places.put(
                "kubectl describe monitoreddatabases -n " + namespace,
                scenario.kubectl("describe", "monitoreddatabases").orThrow().stdout());
        return places;
    }
}
