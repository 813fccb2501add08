package dev.vigil.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Small builders of JSON trees for the generators. */
final class Json {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /** An object of the non-null values among {@code keysAndValues} (key, value, key, value...). */
    static ObjectNode object(Object... keysAndValues) {
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                object.set((String) keysAndValues[i], node(value));
            }
        }
        return object;
    }

    static ArrayNode array(List<?> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(value -> array.add(node(value)));
        return array;
    }

    public static JsonNode node(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof List<?> list) {
            return array(list);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set((String) k, node(v)));
            return object;
        }
        throw new IllegalArgumentException("no JSON for " + value.getClass());
    }

    /** The document as one line of JSON, long strings and deep nesting cut, for messages. */
    static String abbreviated(JsonNode document) {
        String text = document.toString();
        return text.length() <= 2_000
                ? text
                : text.substring(0, 2_000) + "... (" + text.length() + " characters)";
    }
}
