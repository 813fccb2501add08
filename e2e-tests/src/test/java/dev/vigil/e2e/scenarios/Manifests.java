package dev.vigil.e2e.scenarios;

import java.util.Map;
import java.util.stream.Collectors;

/** MonitoredDatabase manifests as a user writes them, small enough for one machine. */
public final class Manifests {

    private Manifests() {}

    static String postgres(String name, int replicas) {
        return postgres(name, replicas, "16.4", Map.of());
    }

    public static String postgres(
            String name, int replicas, String version, Map<String, String> parameters) {
        String params =
                parameters.isEmpty()
                        ? ""
                        : "  postgres:\n    parameters:\n"
                                + parameters.entrySet().stream()
                                        .map(
                                                e ->
                                                        "      "
                                                                + e.getKey()
                                                                + ": \""
                                                                + e.getValue()
                                                                + "\"")
                                        .collect(Collectors.joining("\n"))
                                + "\n";
        return """
        apiVersion: vigil.dev/v1alpha1
        kind: MonitoredDatabase
        metadata:
          name: %s
        spec:
          engine: PostgreSQL
          version: "%s"
          replicas: %d
          storage:
            size: 1Gi
        """
                        .formatted(name, version, replicas)
                + params;
    }

    static String mongo(String name, int replicas) {
        return """
        apiVersion: vigil.dev/v1alpha1
        kind: MonitoredDatabase
        metadata:
          name: %s
        spec:
          engine: MongoDB
          version: "7.0.14"
          replicas: %d
          storage:
            size: 1Gi
        """
                .formatted(name, replicas);
    }

    /**
     * The manifest with a health gate that decides in seconds (docs/rollback.md, "Settings for a
     * fast test") and any further spec lines ({@code extraSpec}, indented as fields of spec).
     */
    static String gated(String manifest, String extraSpec) {
        return manifest
                + """
                  healthGate:
                    timeout: 30s
                    crashLoopRestartLimit: 1
                """
                + extraSpec;
    }

    static String gated(String manifest) {
        return gated(manifest, "");
    }
}
