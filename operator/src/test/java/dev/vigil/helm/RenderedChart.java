package dev.vigil.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code helm template} makes of the chart in {@code helm/vigil-operator}, released as {@value
 * #RELEASE} in namespace {@value #NAMESPACE}, each document parsed as its fabric8 model. Public for
 * the end-to-end RBAC audit in e2e-tests; paths are relative to a module directory.
 */
public final class RenderedChart {

    public static final Path CHART = Path.of("..", "helm", "vigil-operator");
    public static final String RELEASE = "vigil-operator";
    public static final String NAMESPACE = "vigil-system";

    /** The embedded Helm assumes Kubernetes 1.20 unless told; the chart requires 1.25 or later. */
    static final String KUBE_VERSION = "v1.29.0";

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private final String yaml;
    private final List<HasMetadata> objects;

    private RenderedChart(String yaml, List<HasMetadata> objects) {
        this.yaml = yaml;
        this.objects = objects;
    }

    /**
     * Renders the chart with a values file of this content, as {@code helm template -f} would.
     *
     * @throws IllegalStateException with Helm's message when Helm refuses the values or the chart
     */
    public static RenderedChart render(String valuesYaml) {
        Path valuesFile;
        try {
            valuesFile = Files.createTempFile("vigil-operator-values", ".yaml");
            Files.writeString(valuesFile, valuesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            TemplateCommand template =
                    new Helm(CHART)
                            .template()
                            .withName(RELEASE)
                            .withNamespace(NAMESPACE)
                            .withKubeVersion(KUBE_VERSION)
                            .withValuesFile(valuesFile);
            return parse(template.call());
        } finally {
            try {
                Files.deleteIfExists(valuesFile);
            } catch (IOException e) {
                // A temporary file left behind is harmless.
            }
        }
    }

    private static RenderedChart parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (document.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#"))) {
                objects.add(Serialization.unmarshal(document, HasMetadata.class));
            }
        }
        return new RenderedChart(yaml, objects);
    }

    /** Renders the chart with its default values. */
    public static RenderedChart defaults() {
        return render("");
    }

    public String yaml() {
        return yaml;
    }

    public List<HasMetadata> objects() {
        return objects;
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError(
                    "expected one " + type.getSimpleName() + ", rendered " + found.size());
        }
        return found.get(0);
    }

    public <T extends HasMetadata> Optional<T> named(Class<T> type, String namespace, String name) {
        return all(type).stream()
                .filter(o -> name.equals(o.getMetadata().getName()))
                .filter(o -> Objects.equals(namespace, o.getMetadata().getNamespace()))
                .findFirst();
    }
}
