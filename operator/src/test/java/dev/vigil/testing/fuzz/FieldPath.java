package dev.vigil.testing.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * A place in a document: object keys and array indices from the root. {@link #dotted()} writes it
 * as Vigil's errors name fields, {@code spec.healthGate.analysis[1].query}.
 */
public record FieldPath(List<Object> elements) {

    public static final FieldPath ROOT = new FieldPath(List.of());

    public FieldPath {
        elements = List.copyOf(elements);
    }

    public FieldPath child(String key) {
        List<Object> longer = new ArrayList<>(elements);
        longer.add(key);
        return new FieldPath(longer);
    }

    public FieldPath index(int index) {
        List<Object> longer = new ArrayList<>(elements);
        longer.add(index);
        return new FieldPath(longer);
    }

    public FieldPath parent() {
        return new FieldPath(elements.subList(0, elements.size() - 1));
    }

    public Object last() {
        return elements.get(elements.size() - 1);
    }

    public boolean isRoot() {
        return elements.isEmpty();
    }

    public String dotted() {
        StringBuilder dotted = new StringBuilder();
        for (Object element : elements) {
            if (element instanceof Integer index) {
                dotted.append('[').append(index).append(']');
            } else {
                if (!dotted.isEmpty()) {
                    dotted.append('.');
                }
                dotted.append(element);
            }
        }
        return dotted.toString();
    }

    @Override
    public String toString() {
        return dotted();
    }
}
