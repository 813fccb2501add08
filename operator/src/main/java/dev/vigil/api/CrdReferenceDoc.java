package dev.vigil.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders the Markdown reference of a custom resource from its CRD: a title, what the kind is, its
 * {@code kubectl get} columns, then one section per object type of the schema ({@code spec}, its
 * nested objects depth-first, then {@code status}), each a table of fields with type, required,
 * default, description and validation in words.
 *
 * <p>Pure and deterministic: fields appear in schema order, so the same CRD always gives the same
 * text, which the build compares with the committed {@code docs/reference/}. Kubernetes types
 * embedded in the API ({@link EmbeddedKubernetesTypes}) are linked, not expanded.
 */
public final class CrdReferenceDoc {

    private static final String GENERATED_NOTICE =
            "<!-- Generated from the CRD by dev.vigil.api.CrdReferenceDoc: do not edit by hand."
                    + " docs/reference/README.md says how to regenerate. -->";
    private static final String SPEC_FALLBACK = "The desired state, written by you.";
    private static final String STATUS_FALLBACK =
            "The observed state, written by the operator; do not set it yourself.";

    private final CrdNames names;
    private final Map<String, TypeLink> embeddedTypes;
    private final StringBuilder out = new StringBuilder();
    private final Set<String> anchors = new HashSet<>();

    private CrdReferenceDoc(CrdNames names, Map<String, TypeLink> embeddedTypes) {
        this.names = names;
        this.embeddedTypes = Map.copyOf(embeddedTypes);
    }

    /**
     * The reference of a custom resource class, from its generated CRD: names and schema come from
     * the CRD, the description from the class's {@link JsonClassDescription}, the links for
     * embedded Kubernetes types from the Java types of its fields.
     */
    public static String render(Class<? extends CustomResource<?, ?>> type, JsonNode crd) {
        JsonClassDescription description = type.getAnnotation(JsonClassDescription.class);
        CrdNames names = CrdNames.fromCrd(crd, description == null ? "" : description.value());
        JsonNode schema =
                crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
        return render(names, schema, EmbeddedKubernetesTypes.of(type));
    }

    /**
     * The reference of a CRD.
     *
     * @param names the kind's names, description and printer columns
     * @param openApiSchema the version's {@code openAPIV3Schema}
     * @param embeddedTypes types shown as links rather than sections, by field path (e.g. {@code
     *     spec.podTemplate.affinity}); {@code []} steps into list items and {@code .*} into map
     *     values
     */
    public static String render(
            CrdNames names, JsonNode openApiSchema, Map<String, TypeLink> embeddedTypes) {
        CrdReferenceDoc doc = new CrdReferenceDoc(names, embeddedTypes);
        doc.header();
        doc.rootRules(openApiSchema);
        doc.printerColumns();
        for (String root : rootOrder(openApiSchema)) {
            JsonNode schema = openApiSchema.path("properties").path(root);
            String fallback =
                    switch (root) {
                        case "spec" -> SPEC_FALLBACK;
                        case "status" -> STATUS_FALLBACK;
                        default -> "";
                    };
            doc.sectionsFrom(root, schema, schema.path("description").asText(fallback));
        }
        return doc.out.toString();
    }

    /** spec first, status last, anything else in between in schema order. */
    private static List<String> rootOrder(JsonNode openApiSchema) {
        List<String> order = new ArrayList<>();
        List<String> others = new ArrayList<>();
        openApiSchema.path("properties").fieldNames().forEachRemaining(others::add);
        if (others.remove("spec")) {
            order.add("spec");
        }
        boolean hasStatus = others.remove("status");
        order.addAll(others);
        if (hasStatus) {
            order.add("status");
        }
        return order;
    }

    private void header() {
        out.append(GENERATED_NOTICE).append("\n\n");
        out.append("# ").append(names.kind()).append("\n\n");
        if (!names.description().isBlank()) {
            out.append(Markdown.text(names.description())).append("\n\n");
        }
        out.append("- API version: ")
                .append(Markdown.code(names.group() + "/" + names.version()))
                .append('\n');
        out.append("- Kind: ").append(Markdown.code(names.kind())).append('\n');
        if (!names.scope().isBlank()) {
            out.append("- Scope: ").append(names.scope()).append('\n');
        }
        if (!names.shortNames().isEmpty()) {
            out.append("- Short names: ")
                    .append(
                            String.join(
                                    ", ", names.shortNames().stream().map(Markdown::code).toList()))
                    .append('\n');
        }
        out.append('\n');
    }

    /** Rules on the whole resource, such as limits on {@code metadata.name}: under the header. */
    private void rootRules(JsonNode openApiSchema) {
        List<String> rules = SchemaField.constraintsOf(openApiSchema);
        if (!rules.isEmpty()) {
            out.append(String.join(" ", rules)).append("\n\n");
        }
    }

    private void printerColumns() {
        if (names.printerColumns().isEmpty()) {
            return;
        }
        heading("Printer columns");
        String get =
                names.shortNames().isEmpty()
                        ? names.kind().toLowerCase(Locale.ROOT)
                        : names.shortNames().get(0);
        out.append("The columns of ").append(Markdown.code("kubectl get " + get)).append(".\n\n");
        boolean described =
                names.printerColumns().stream().anyMatch(column -> !column.description().isBlank());
        out.append(
                described
                        ? "| Column | Type | JSON path | Description |\n|---|---|---|---|\n"
                        : "| Column | Type | JSON path |\n|---|---|---|\n");
        for (CrdNames.PrinterColumn column : names.printerColumns()) {
            out.append("| ")
                    .append(Markdown.text(column.name()))
                    .append(" | ")
                    .append(column.type())
                    .append(" | ")
                    .append(Markdown.code(column.jsonPath()))
                    .append(described ? " | " + Markdown.text(column.description()) : "")
                    .append(" |\n");
        }
        out.append('\n');
    }

    /** The section of {@code schema} (when it has one) and, depth-first, those below it. */
    private void sectionsFrom(String path, JsonNode schema, String description) {
        if (embeddedTypes.containsKey(path)) {
            return;
        }
        if (SchemaField.hasOwnSection(schema)) {
            section(path, schema, description);
            for (SchemaField field : fields(path, schema)) {
                sectionsFrom(
                        field.path(),
                        field.schema(),
                        field.schema().path("description").asText(""));
            }
        } else if (schema.has("items")) {
            sectionsFrom(path + "[]", schema.get("items"), description);
        } else if (SchemaField.mapValues(schema) != null) {
            sectionsFrom(path + ".*", SchemaField.mapValues(schema), description);
        }
    }

    private void section(String path, JsonNode schema, String description) {
        heading(path);
        List<String> intro = new ArrayList<>();
        if (!description.isBlank()) {
            intro.add(Markdown.text(description));
        }
        intro.addAll(SchemaField.constraintsOf(schema));
        if (!intro.isEmpty()) {
            out.append(String.join(" ", intro)).append("\n\n");
        }
        out.append("| Field | Type | Required | Default | Description |\n");
        out.append("|---|---|---|---|---|\n");
        for (SchemaField field : fields(path, schema)) {
            List<String> text = new ArrayList<>();
            String fieldDescription = field.schema().path("description").asText("");
            if (!fieldDescription.isBlank()) {
                text.add(Markdown.text(fieldDescription));
            }
            text.addAll(field.constraints());
            out.append("| ")
                    .append(Markdown.code(field.name()))
                    .append(" | ")
                    .append(field.type(embeddedTypes))
                    .append(" | ")
                    .append(field.required() ? "yes" : "no")
                    .append(" | ")
                    .append(field.defaultValue())
                    .append(" | ")
                    .append(String.join("<br>", text))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static List<SchemaField> fields(String path, JsonNode schema) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        List<SchemaField> fields = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            fields.add(
                    new SchemaField(
                            name, path + "." + name, property.getValue(), required.contains(name)));
        }
        return fields;
    }

    private void heading(String text) {
        if (!anchors.add(Markdown.anchor(text))) {
            throw new IllegalStateException(
                    "two sections of " + names.kind() + " share the anchor of " + text);
        }
        out.append("## ").append(text).append("\n\n");
    }
}
