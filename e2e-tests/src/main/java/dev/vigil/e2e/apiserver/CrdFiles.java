package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads CustomResourceDefinitions from YAML files, directories of them, or the classpath. */
public final class CrdFiles {

    /** The classpath resource holding the minimal prometheus-operator CRDs. */
    public static final String PROMETHEUS_OPERATOR_CRDS =
            "dev/vigil/e2e/apiserver/prometheus-operator-crds.yaml";

    private CrdFiles() {}

    /** The CRDs in a YAML file (several documents allowed) or in the YAML files of a directory. */
    static List<JsonNode> read(Path fileOrDirectory) {
        try {
            if (Files.isDirectory(fileOrDirectory)) {
                List<JsonNode> all = new ArrayList<>();
                try (Stream<Path> files = Files.list(fileOrDirectory)) {
                    for (Path file : files.filter(CrdFiles::isYaml).sorted().toList()) {
                        all.addAll(parse(Files.readString(file)));
                    }
                }
                return all;
            }
            return parse(Files.readString(fileOrDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRDs from " + fileOrDirectory, e);
        }
    }

    /** The YAML text of the minimal prometheus-operator CRDs. */
    public static String prometheusOperatorCrdsYaml() {
        try (InputStream in =
                CrdFiles.class.getClassLoader().getResourceAsStream(PROMETHEUS_OPERATOR_CRDS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + PROMETHEUS_OPERATOR_CRDS);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the minimal prometheus-operator CRDs to {@code file}, e.g. for {@code kubectl apply
     * -f}.
     */
    public static Path writePrometheusOperatorCrds(Path file) {
        try {
            Files.writeString(file, prometheusOperatorCrdsYaml());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> parse(String yaml) {
        List<JsonNode> crds = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                Serialization.yamlMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null
                        && "CustomResourceDefinition".equals(document.path("kind").asText())) {
                    crds.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return crds;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
