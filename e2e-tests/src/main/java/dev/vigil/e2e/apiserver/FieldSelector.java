package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code fieldSelector} query parameter: {@code field=value}, {@code field==value} and {@code
 * field!=value}, joined by commas. A field is a dotted path into the object ({@code metadata.name},
 * {@code involvedObject.uid}, {@code status.phase}); a real API server accepts only a few such
 * fields per kind, this one accepts any.
 */
final class FieldSelector {

    private record Requirement(String field, String value, boolean equal) {}

    private final List<Requirement> requirements;

    private FieldSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    /** Parses a selector; an empty or null one selects everything. */
    static FieldSelector parse(String selector) {
        List<Requirement> requirements = new ArrayList<>();
        if (selector != null) {
            for (String term : selector.split(",")) {
                if (term.isBlank()) {
                    continue;
                }
                int notEqual = term.indexOf("!=");
                if (notEqual >= 0) {
                    requirements.add(
                            new Requirement(
                                    term.substring(0, notEqual).trim(),
                                    term.substring(notEqual + 2).trim(),
                                    false));
                } else {
                    int equals = term.indexOf('=');
                    if (equals < 0) {
                        throw new IllegalArgumentException("invalid field selector: " + term);
                    }
                    String value = term.substring(equals + 1);
                    if (value.startsWith("=")) {
                        value = value.substring(1);
                    }
                    requirements.add(
                            new Requirement(term.substring(0, equals).trim(), value.trim(), true));
                }
            }
        }
        return new FieldSelector(List.copyOf(requirements));
    }

    /** A selector asking for one name, as a request for a named object implies. */
    static FieldSelector name(String name) {
        return new FieldSelector(List.of(new Requirement("metadata.name", name, true)));
    }

    /** Both this selector's requirements and {@code other}'s. */
    FieldSelector and(FieldSelector other) {
        List<Requirement> both = new ArrayList<>(requirements);
        both.addAll(other.requirements);
        return new FieldSelector(List.copyOf(both));
    }

    /** Whether {@code object} satisfies every requirement; a missing field reads as "". */
    boolean matches(JsonNode object) {
        for (Requirement requirement : requirements) {
            JsonNode value = object;
            for (String step : requirement.field().split("\\.")) {
                value = value.path(step);
            }
            String text = value.isValueNode() ? value.asText() : "";
            if (text.equals(requirement.value()) != requirement.equal()) {
                return false;
            }
        }
        return true;
    }
}
