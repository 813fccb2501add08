package dev.vigil.monitoring;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a PrometheusRule's groups as a Prometheus rule file, the way Prometheus loads them. */
final class RuleFiles {

    private RuleFiles() {}

    /** Writes {@code groups:} of {@code rule} to {@code file}. */
    static Path write(PrometheusRule rule, Path file) throws IOException {
        Files.writeString(file, Serialization.asYaml(Map.of("groups", rule.getSpec().getGroups())));
        return file;
    }
}
