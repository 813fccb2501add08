package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset of printer columns: {@code .a.b}, an index {@code [0]} and a filter {@code
 * [?(@.type=="Ready")]}, giving the first value found, or a missing node.
 */
final class SimpleJsonPath {

    private static final Pattern STEP =
            Pattern.compile(
                    "\\.([^.\\[]+)|\\[(\\d+)]|\\[\\?\\(@\\.([^=!]+)==[\"']([^\"']*)[\"']\\)]");

    private SimpleJsonPath() {}

    static JsonNode read(JsonNode root, String path) {
        String expression = path.trim();
        if (expression.startsWith("{") && expression.endsWith("}")) {
            expression = expression.substring(1, expression.length() - 1);
        }
        if (expression.startsWith("$")) {
            expression = expression.substring(1);
        }
        JsonNode node = root;
        Matcher step = STEP.matcher(expression);
        int position = 0;
        while (position < expression.length()) {
            if (!step.find(position) || step.start() != position) {
                return MissingNode.getInstance();
            }
            node = apply(node, step);
            position = step.end();
        }
        return node;
    }

    private static JsonNode apply(JsonNode node, Matcher step) {
        if (step.group(1) != null) {
            return node.path(step.group(1));
        }
        if (step.group(2) != null) {
            return node.path(Integer.parseInt(step.group(2)));
        }
        for (JsonNode element : node) {
            if (element.path(step.group(3)).asText().equals(step.group(4))) {
                return element;
            }
        }
        return MissingNode.getInstance();
    }
}
