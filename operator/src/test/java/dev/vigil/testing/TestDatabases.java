package dev.vigil.testing;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.utils.Serialization;

/** MonitoredDatabase resources for unit tests, parsed from YAML as a user would write them. */
public final class TestDatabases {

    private TestDatabases() {}

    /** Parses one MonitoredDatabase from {@code yaml}. */
    public static MonitoredDatabase parse(String yaml) {
        return Serialization.unmarshal(yaml, MonitoredDatabase.class);
    }

    /** A MongoDB database {@code name} in {@code namespace} with only the required fields. */
    public static MonitoredDatabase mongo(String name, String namespace) {
        return parse(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: %s, namespace: %s}
                spec: {engine: MongoDB, version: "7.0.14"}
                """
                        .formatted(name, namespace));
    }
}
