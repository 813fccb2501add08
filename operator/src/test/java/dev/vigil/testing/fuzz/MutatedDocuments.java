package dev.vigil.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Invalid documents, or documents on the edge, made from valid ones by one mutation at one place: a
 * value of the wrong type, a huge string, Unicode (right-to-left text, emoji, NUL, combining
 * marks), negative and overflowing numbers (2^31, 2^63, 1e400), an unknown field, deep nesting, a
 * missing required field, a null. Each says where it struck and, from the CRD schema, whether the
 * API server must refuse the result and why.
 */
public final class MutatedDocuments {

    /** The mutations. */
    public enum Kind {
        WRONG_TYPE,
        HUGE_STRING,
        UNICODE,
        NUMBER,
        UNKNOWN_FIELD,
        DEEP_NESTING,
        REMOVED,
        NULL
    }

    /**
     * One mutated document.
     *
     * @param document the document after the mutation
     * @param kind the mutation
     * @param path where it struck: the changed value, the removed or the added field
     * @param schemaRefusal why the CRD schema refuses the result there, if it must
     */
    public record Mutated(
            ObjectNode document, Kind kind, FieldPath path, Optional<String> schemaRefusal) {

        @Override
        public String toString() {
            return kind
                    + " at "
                    + path
                    + schemaRefusal.map(r -> " (" + r + ")").orElse("")
                    + ": "
                    + Json.abbreviated(document);
        }
    }

    private static final List<JsonNode> OTHER_TYPES =
            List.of(
                    Json.node("text"),
                    Json.node(7),
                    Json.node(true),
                    Json.object("a", "b"),
                    Json.array(List.of("a", 1)),
                    Json.NODES.numberNode(2.5));

    private static final List<String> UNICODE =
            List.of(
                    "\u05e9\u05dc\u05d5\u05dd",
                    "\u202eevil\u202c",
                    "\ud83d\udc18\ud83d\ude80",
                    "nul\u0000byte",
                    "e\u0301\u0301\u0301",
                    "\u0000",
                    "\ufeffbom",
                    "line\nbreak",
                    "\u4e2d\u6587-db",
                    "Ω≈ç√∫",
                    "tab\there",
                    "\u200b");

    private static final List<JsonNode> NUMBERS =
            List.of(
                    Json.node(-1),
                    Json.node(0),
                    Json.node(Integer.MIN_VALUE),
                    Json.NODES.numberNode(2_147_483_648L),
                    Json.NODES.numberNode(Long.MAX_VALUE),
                    Json.NODES.numberNode(BigInteger.ONE.shiftLeft(63)),
                    Json.NODES.numberNode(
                            BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE)),
                    Json.NODES.numberNode(new BigDecimal("1e400")),
                    Json.NODES.numberNode(new BigDecimal("-1e400")),
                    Json.NODES.numberNode(1.5),
                    Json.NODES.numberNode(new BigDecimal("99999999999999999999999999")));

    private static final List<Integer> HUGE_LENGTHS = List.of(64, 254, 4_097, 70_000);

    private static final List<String> UNKNOWN_NAMES =
            List.of(
                    "unknownField",
                    "replica",
                    "Engine",
                    "spec",
                    "\u05e9\u05dd",
                    "x-kubernetes-foo",
                    "");

    private MutatedDocuments() {}

    /** Documents of {@code valid}, each mutated once by a mutation {@code schema} judges. */
    public static Arbitrary<Mutated> of(Arbitrary<ObjectNode> valid, CrdSchema schema) {
        return Combinators.combine(
                        valid,
                        Arbitraries.of(Kind.values()),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.integers().between(0, 1 << 20))
                .as(
                        (document, kind, place, variant) -> {
                            List<FieldPath> places = places(document);
                            return mutate(
                                    document,
                                    kind,
                                    places.get(place % places.size()),
                                    variant,
                                    schema);
                        });
    }

    /** Every place of {@code document} but the root, apiVersion and kind. */
    static List<FieldPath> places(JsonNode document) {
        List<FieldPath> places = new ArrayList<>();
        collect(document, FieldPath.ROOT, places);
        places.removeIf(
                p ->
                        p.isRoot()
                                || p.elements().get(0).equals("apiVersion")
                                || p.elements().get(0).equals("kind"));
        return places;
    }

    private static void collect(JsonNode node, FieldPath path, List<FieldPath> places) {
        places.add(path);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                collect(field.getValue(), path.child(field.getKey()), places);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path.index(i), places);
            }
        }
    }

    static Mutated mutate(
            ObjectNode original, Kind kind, FieldPath place, int variant, CrdSchema schema) {
        ObjectNode document = original.deepCopy();
        JsonNode current = get(document, place);
        return switch (kind) {
            case WRONG_TYPE -> {
                JsonNode value = OTHER_TYPES.get(variant % OTHER_TYPES.size());
                yield replaced(document, kind, place, value, schema);
            }
            case HUGE_STRING -> {
                int length = HUGE_LENGTHS.get(variant % HUGE_LENGTHS.size());
                String seed =
                        current.isTextual() && !current.asText().isEmpty() ? current.asText() : "x";
                yield replaced(document, kind, place, Json.node(repeat(seed, length)), schema);
            }
            case UNICODE -> {
                String text = UNICODE.get(variant % UNICODE.size());
                boolean append = (variant / UNICODE.size()) % 2 == 0 && current.isTextual();
                yield replaced(
                        document,
                        kind,
                        place,
                        Json.node(append ? current.asText() + text : text),
                        schema);
            }
            case NUMBER -> {
                JsonNode value = NUMBERS.get(variant % NUMBERS.size());
                yield replaced(document, kind, place, value, schema);
            }
            case UNKNOWN_FIELD -> {
                FieldPath object = current.isObject() ? place : place.parent();
                String name = UNKNOWN_NAMES.get(variant % UNKNOWN_NAMES.size());
                JsonNode container = get(document, object);
                if (!container.isObject() || container.has(name)) {
                    name = name + "Extra";
                }
                if (!container.isObject()) {
                    // An array's element that is no object: add the field to the root instead.
                    object = FieldPath.ROOT;
                    container = document;
                }
                ((ObjectNode) container).put(name, "surprise");
                FieldPath added = object.child(name);
                yield new Mutated(
                        document,
                        kind,
                        added,
                        schema.defines(added) ? Optional.empty() : Optional.of("unknown field"));
            }
            case DEEP_NESTING -> {
                int depth = List.of(20, 200, 900).get(variant % 3);
                yield replaced(document, kind, place, nested(depth, variant % 2 == 0), schema);
            }
            case REMOVED -> {
                remove(document, place);
                yield new Mutated(
                        document,
                        kind,
                        place,
                        schema.required(place) ? Optional.of("required") : Optional.empty());
            }
            case NULL -> replaced(document, kind, place, Json.NODES.nullNode(), schema);
        };
    }

    private static Mutated replaced(
            ObjectNode document, Kind kind, FieldPath place, JsonNode value, CrdSchema schema) {
        set(document, place, value);
        return new Mutated(document, kind, place, schema.refusal(place, value));
    }

    private static String repeat(String seed, int length) {
        StringBuilder text = new StringBuilder(length + seed.length());
        while (text.length() < length) {
            text.append(seed);
        }
        return text.substring(0, length);
    }

    private static JsonNode nested(int depth, boolean objects) {
        JsonNode node = Json.node("bottom");
        for (int i = 0; i < depth; i++) {
            node = objects ? Json.object("nested", node) : Json.array(List.of(node));
        }
        return node;
    }

    static JsonNode get(JsonNode document, FieldPath path) {
        JsonNode node = document;
        for (Object element : path.elements()) {
            node = element instanceof Integer index ? node.get(index) : node.get((String) element);
        }
        return node;
    }

    private static void set(JsonNode document, FieldPath path, JsonNode value) {
        ContainerNode<?> parent = (ContainerNode<?>) get(document, path.parent());
        if (path.last() instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) path.last(), value);
        }
    }

    private static void remove(JsonNode document, FieldPath path) {
        ContainerNode<?> parent = (ContainerNode<?>) get(document, path.parent());
        if (path.last() instanceof Integer index) {
            ((ArrayNode) parent).remove(index);
        } else {
            ((ObjectNode) parent).remove((String) path.last());
        }
    }
}
