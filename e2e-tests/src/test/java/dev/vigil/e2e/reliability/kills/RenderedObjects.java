package dev.vigil.e2e.reliability.kills;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The objects the operator should hold for a manifest, as {@code vigil render} (the same jar) lists
 * them: one {@code Kind/name} per object it renders, so a snapshot of the cluster can be compared
 * with exactly what one correct pass makes, no more (a duplicate) and no less (a loss).
 */
public final class RenderedObjects {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final Set<String> MONITORING_KINDS =
            Set.of("ServiceMonitor", "PodMonitor", "PrometheusRule");

    private RenderedObjects() {}

    /**
     * The {@code Kind/name}s {@code vigil render} gives for {@code manifest} in {@code namespace};
     * without the prometheus-operator's kinds when the cluster has not got their CRDs.
     */
    public static Set<String> of(
            Path jar, Path work, String manifest, String namespace, boolean monitors)
            throws InterruptedException {
        try {
            Path input = Files.createTempFile(work, "render-", ".yaml");
            Files.writeString(input, manifest, StandardCharsets.UTF_8);
            Process render =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-jar",
                                    jar.toString(),
                                    "render",
                                    "-n",
                                    namespace,
                                    "-f",
                                    input.toString())
                            .redirectErrorStream(true)
                            .start();
            String output =
                    new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!render.waitFor(60, TimeUnit.SECONDS) || render.exitValue() != 0) {
                throw new IllegalStateException("vigil render failed:\n" + output);
            }
            Files.delete(input);
            Set<String> names = new TreeSet<>();
            for (String document : DOCUMENT_SEPARATOR.split(output)) {
                if (!document.contains("kind:")) {
                    continue;
                }
                GenericKubernetesResource object =
                        Serialization.unmarshal(document, GenericKubernetesResource.class);
                if (monitors || !MONITORING_KINDS.contains(object.getKind())) {
                    names.add(object.getKind() + "/" + object.getMetadata().getName());
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
