package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code labelSelector} query parameter, with the grammar of the API server: {@code k=v}, {@code
 * k==v}, {@code k!=v}, {@code k}, {@code !k}, {@code k in (a,b)} and {@code k notin (a,b)}, joined
 * by commas, all of which must hold.
 */
final class LabelSelector {

    private static final Pattern SET_BASED =
            Pattern.compile("\\s*([^\\s!=]+)\\s+(in|notin)\\s+\\(([^)]*)\\)\\s*");
    private static final Pattern EQUALITY =
            Pattern.compile("\\s*([^\\s!=]+)\\s*(==|=|!=)\\s*(\\S*)\\s*");

    private final List<Predicate<JsonNode>> requirements;

    private LabelSelector(List<Predicate<JsonNode>> requirements) {
        this.requirements = requirements;
    }

    /** Parses a selector; an empty or null one selects everything. */
    static LabelSelector parse(String selector) {
        List<Predicate<JsonNode>> requirements = new ArrayList<>();
        if (selector != null) {
            for (String requirement : splitOutsideParentheses(selector)) {
                if (!requirement.isBlank()) {
                    requirements.add(requirement(requirement));
                }
            }
        }
        return new LabelSelector(List.copyOf(requirements));
    }

    /** Whether the labels of {@code object} satisfy every requirement. */
    boolean matches(JsonNode object) {
        JsonNode labels = object.path("metadata").path("labels");
        return requirements.stream().allMatch(requirement -> requirement.test(labels));
    }

    private static Predicate<JsonNode> requirement(String text) {
        Matcher set = SET_BASED.matcher(text);
        if (set.matches()) {
            String key = set.group(1);
            Set<String> values = Set.copyOf(trimmed(set.group(3).split(",")));
            boolean in = set.group(2).equals("in");
            return labels ->
                    in
                            ? labels.has(key) && values.contains(labels.get(key).asText())
                            : !labels.has(key) || !values.contains(labels.get(key).asText());
        }
        Matcher equality = EQUALITY.matcher(text);
        if (equality.matches()) {
            String key = equality.group(1);
            String value = equality.group(3);
            boolean equal = !equality.group(2).equals("!=");
            return labels ->
                    equal
                            ? labels.has(key) && labels.get(key).asText().equals(value)
                            : !labels.has(key) || !labels.get(key).asText().equals(value);
        }
        String trimmed = text.trim();
        if (trimmed.startsWith("!")) {
            String key = trimmed.substring(1).trim();
            return labels -> !labels.has(key);
        }
        return labels -> labels.has(trimmed);
    }

    private static List<String> trimmed(String[] values) {
        List<String> result = new ArrayList<>();
        for (String value : values) {
            result.add(value.trim());
        }
        return result;
    }

    private static List<String> splitOutsideParentheses(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }
}
