package dev.vigil.monitoring.policy;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.utils.Serialization;

/** AlertPolicies and databases for the policy tests, written as a user would write them. */
final class TestPolicies {

    private TestPolicies() {}

    /** The AlertPolicy {@code name} in namespace {@code shop} with {@code spec} (YAML). */
    static AlertPolicy policy(String name, String spec) {
        return policy(name, "shop", spec);
    }

    static AlertPolicy policy(String name, String namespace, String spec) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: AlertPolicy
                metadata: {name: %s, namespace: %s}
                spec:
                %s
                """
                        .formatted(name, namespace, spec.indent(2)),
                AlertPolicy.class);
    }

    /** A MongoDB database {@code name} in {@code namespace} with {@code labels} (YAML flow map). */
    static MonitoredDatabase database(String name, String namespace, String labels) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: %s, namespace: %s, labels: %s}
                spec: {engine: MongoDB, version: "7.0.14"}
                """
                        .formatted(name, namespace, labels),
                MonitoredDatabase.class);
    }
}
