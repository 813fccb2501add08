package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.SchemaDefaults;
import dev.vigil.model.validation.CrdSchemaValidator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The custom resources the API server serves, derived from the CustomResourceDefinitions it stores:
 * a CRD created (at start or later through the API) makes its served versions usable with their
 * names, short names, categories, status subresource, schema and printer columns; a CRD deleted
 * takes them away.
 *
 * <p>Schema validation reuses the operator's {@link CrdSchemaValidator} for the CRDs bundled in the
 * operator's jar (Vigil's own), when the stored schema is the bundled one. Other CRDs get pruning
 * and defaulting only.
 */
final class CustomResourceRegistry {

    /** YAML reads {@code 1.0} as a double, kubectl may send it as an integer: same value. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
            (a, b) -> {
                if (a.isNumber() && b.isNumber()) {
                    return a.decimalValue().compareTo(b.decimalValue());
                }
                return a.equals(b) ? 0 : 1;
            };

    private final Map<String, List<CustomResourceVersion>> byCrdName = new ConcurrentHashMap<>();
    private final Map<String, Optional<CrdSchemaValidator>> validators = new ConcurrentHashMap<>();

    /** Serves the versions of a stored CRD, replacing what an older copy of it served. */
    void put(JsonNode crd) {
        String crdName = crd.path("metadata").path("name").asText();
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        List<CustomResourceVersion> versions = new ArrayList<>();
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean(true)) {
                continue;
            }
            ResourceType type =
                    new ResourceType(
                            spec.path("group").asText(),
                            version.path("name").asText(),
                            names.path("plural").asText(),
                            names.path("singular")
                                    .asText(names.path("kind").asText().toLowerCase()),
                            names.path("kind").asText(),
                            !"Cluster".equals(spec.path("scope").asText()),
                            ResourceType.ALL_VERBS,
                            texts(names.path("shortNames")),
                            texts(names.path("categories")),
                            version.path("subresources").has("status"));
            JsonNode schema = version.path("schema").path("openAPIV3Schema");
            versions.add(
                    new CustomResourceVersion(
                            type, schema, printerColumns(version), validator(crdName, schema)));
        }
        byCrdName.put(crdName, List.copyOf(versions));
    }

    /** Stops serving the versions of a deleted CRD. */
    void remove(String crdName) {
        byCrdName.remove(crdName);
    }

    /** Every served version of every custom resource. */
    List<CustomResourceVersion> versions() {
        return byCrdName.values().stream().flatMap(List::stream).toList();
    }

    /** The served version at {@code group/version}, resource {@code plural}. */
    Optional<CustomResourceVersion> find(String group, String version, String plural) {
        return versions().stream()
                .filter(
                        v ->
                                v.type().group().equals(group)
                                        && v.type().version().equals(version)
                                        && v.type().plural().equals(plural))
                .findFirst();
    }

    private static List<PrinterColumn> printerColumns(JsonNode version) {
        List<PrinterColumn> columns = new ArrayList<>();
        version.path("additionalPrinterColumns")
                .forEach(column -> columns.add(PrinterColumn.fromCrd(column)));
        return columns.isEmpty() ? List.of(PrinterColumn.AGE) : List.copyOf(columns);
    }

    private Optional<CrdSchemaValidator> validator(String crdName, JsonNode schema) {
        return validators.computeIfAbsent(
                crdName + "\n" + schema.hashCode(), key -> bundledValidator(crdName, schema));
    }

    private static Optional<CrdSchemaValidator> bundledValidator(String crdName, JsonNode schema) {
        String bundledFile = crdName + "-v1.yml";
        try {
            if (!SchemaDefaults.openApiSchema(bundledFile).equals(NUMBERS_BY_VALUE, schema)) {
                return Optional.empty();
            }
        } catch (IllegalStateException notBundled) {
            return Optional.empty();
        }
        return Optional.of(CrdSchemaValidator.forCrd(bundledFile));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }
}
