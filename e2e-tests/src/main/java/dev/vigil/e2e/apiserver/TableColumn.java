package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.BiFunction;

/**
 * A column of a Table answer: its definition and how to compute a row's cell from an object at a
 * given time. A null cell prints as {@code <none>}.
 *
 * @param definition name, type and priority of the column
 * @param cell the cell of an object, given the current time
 */
record TableColumn(PrinterColumn definition, BiFunction<JsonNode, Instant, JsonNode> cell) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The first column of every table: the object's name. */
    static final TableColumn NAME =
            new TableColumn(
                    new PrinterColumn(
                            "Name",
                            "string",
                            "name",
                            "Name must be unique within a namespace.",
                            0,
                            ".metadata.name"),
                    (object, now) -> object.path("metadata").path("name"));

    /** A column declared in a CRD: the value at its JSONPath, converted to the column's type. */
    static TableColumn of(PrinterColumn column) {
        return new TableColumn(
                column,
                (object, now) ->
                        convert(
                                SimpleJsonPath.read(object, column.jsonPath()),
                                column.type(),
                                now));
    }

    /** A column computed by code, for the built-in kinds. */
    static TableColumn computed(
            String name, String type, int priority, BiFunction<JsonNode, Instant, JsonNode> cell) {
        return new TableColumn(new PrinterColumn(name, type, "", "", priority, ""), cell);
    }

    /** The Age column. */
    static TableColumn age() {
        return of(PrinterColumn.AGE);
    }

    /** How the apiextensions server turns a JSONPath value into a cell of a column's type. */
    static JsonNode convert(JsonNode value, String type, Instant now) {
        if (value.isMissingNode() || value.isNull()) {
            return NullNode.getInstance();
        }
        return switch (type) {
            case "integer" ->
                    value.isNumber() ? NODES.numberNode(value.asLong()) : NullNode.getInstance();
            case "number" -> value.isNumber() ? value : NullNode.getInstance();
            case "boolean" -> value.isBoolean() ? value : NullNode.getInstance();
            case "date" ->
                    value.isTextual()
                            ? NODES.textNode(age(value.asText(), now))
                            : NullNode.getInstance();
            default -> NODES.textNode(value.isValueNode() ? value.asText() : value.toString());
        };
    }

    /** How long ago {@code timestamp} was, as kubectl prints it. */
    static String age(String timestamp, Instant now) {
        try {
            return HumanDuration.format(Duration.between(Instant.parse(timestamp), now));
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }
}
