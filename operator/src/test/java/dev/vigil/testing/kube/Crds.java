package dev.vigil.testing.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Installs and removes CRDs on a real API server, waiting each time until the server serves them
 * (Established) or has removed them with all their objects: a test that goes on at once would
 * otherwise see 404s.
 */
public final class Crds {

    /** A CRD with a large schema on two busy cores, or one whose objects must all go first. */
    private static final long TIMEOUT_SECONDS = 120;

    private Crds() {}

    /** Creates {@code crd} and waits until it is Established. */
    public static void install(KubernetesClient client, CustomResourceDefinition crd) {
        client.resource(crd).create();
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(crd.getMetadata().getName())
                .waitUntilCondition(Crds::established, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Deletes the CRD {@code name} and waits until it and its objects are gone. */
    public static void remove(KubernetesClient client, String name) {
        var crd = client.apiextensions().v1().customResourceDefinitions().withName(name);
        crd.delete();
        crd.waitUntilCondition(Objects::isNull, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The CRD of a YAML stream. */
    public static CustomResourceDefinition load(KubernetesClient client, InputStream yaml) {
        return client.apiextensions().v1().customResourceDefinitions().load(yaml).item();
    }

    /** The CRD of a YAML file. */
    public static CustomResourceDefinition load(KubernetesClient client, Path yaml) {
        try (InputStream in = Files.newInputStream(yaml)) {
            return load(client, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + yaml, e);
        }
    }

    /** Whether the server serves {@code crd}'s kind: its Established condition is True. */
    public static boolean established(CustomResourceDefinition crd) {
        return crd != null
                && crd.getStatus() != null
                && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(
                                c ->
                                        "Established".equals(c.getType())
                                                && "True".equals(c.getStatus()));
    }
}
