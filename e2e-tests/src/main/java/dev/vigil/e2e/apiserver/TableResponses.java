package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code meta.k8s.io/v1} Table answers that {@code kubectl get} asks for (Accept {@code
 * application/json;as=Table;v=v1;g=meta.k8s.io}): a custom resource gets its CRD's {@code
 * additionalPrinterColumns}, so {@code kubectl get mdb} shows Phase and Ready as on a real cluster;
 * the built-in kinds get the columns of {@link BuiltInColumns}.
 */
final class TableResponses {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Clock clock;

    TableResponses(Clock clock) {
        this.clock = clock;
    }

    /** Whether a client with this Accept header wants a Table. */
    static boolean wanted(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    /**
     * A Table of {@code objects}; {@code includeObject} is the request's parameter: {@code None},
     * {@code Object}, or {@code Metadata} (the default).
     */
    ObjectNode table(
            ResourceType type,
            Optional<CustomResourceVersion> customResource,
            List<? extends JsonNode> objects,
            String resourceVersion,
            String includeObject) {
        List<TableColumn> columns = columns(type, customResource);
        Instant now = clock.instant();
        ObjectNode table = NODES.objectNode();
        table.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", resourceVersion);
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (TableColumn column : columns) {
            PrinterColumn definition = column.definition();
            definitions
                    .addObject()
                    .put("name", definition.name())
                    .put("type", definition.type())
                    .put("format", definition.format())
                    .put("description", definition.description())
                    .put("priority", definition.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            columns.forEach(column -> cells.add(column.cell().apply(object, now)));
            rowObject(object, includeObject).ifPresent(value -> row.set("object", value));
        }
        return table;
    }

    private static List<TableColumn> columns(
            ResourceType type, Optional<CustomResourceVersion> customResource) {
        if (customResource.isPresent()) {
            List<TableColumn> columns = new ArrayList<>();
            columns.add(TableColumn.NAME);
            customResource.get().printerColumns().forEach(c -> columns.add(TableColumn.of(c)));
            return columns;
        }
        return BuiltInColumns.of(type);
    }

    private static Optional<JsonNode> rowObject(JsonNode object, String includeObject) {
        if ("None".equals(includeObject)) {
            return Optional.empty();
        }
        if ("Object".equals(includeObject)) {
            return Optional.of(object);
        }
        ObjectNode partial = NODES.objectNode();
        partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", object.path("metadata").deepCopy());
        return Optional.of(partial);
    }
}
