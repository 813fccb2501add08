package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads the Kubernetes protobuf bodies kubectl sends when it creates built-in objects with its
 * generators ({@code kubectl create namespace|configmap|secret|serviceaccount}): the {@code k8s\0}
 * envelope ({@code runtime.Unknown}) around a Namespace, ConfigMap, Secret or ServiceAccount,
 * decoded into the JSON the rest of the server handles. kubectl 1.32 does not fall back to JSON
 * when a server refuses protobuf, so these few kinds are read here; any other protobuf body is
 * refused with 415.
 */
final class ProtobufBodies {

    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProtobufBodies() {}

    /** The object in a protobuf body, as JSON. */
    static JsonNode decode(byte[] body) {
        if (body.length < MAGIC.length
                || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw unsupported("a protobuf body must start with the k8s envelope");
        }
        Reader envelope = new Reader(Arrays.copyOfRange(body, MAGIC.length, body.length));
        String apiVersion = "";
        String kind = "";
        byte[] raw = new byte[0];
        while (envelope.hasMore()) {
            int field = envelope.tag();
            if (field == 1) {
                Reader typeMeta = envelope.message();
                while (typeMeta.hasMore()) {
                    int typeField = typeMeta.tag();
                    if (typeField == 1) {
                        apiVersion = typeMeta.string();
                    } else if (typeField == 2) {
                        kind = typeMeta.string();
                    } else {
                        typeMeta.skip();
                    }
                }
            } else if (field == 2) {
                raw = envelope.bytes();
            } else {
                envelope.skip();
            }
        }
        if (!apiVersion.equals("v1")) {
            throw unsupported("protobuf bodies are read for core v1 kinds only; send JSON");
        }
        ObjectNode object = NODES.objectNode();
        object.put("apiVersion", apiVersion).put("kind", kind);
        Reader reader = new Reader(raw);
        switch (kind) {
            case "Namespace" -> readNamespace(reader, object);
            case "ConfigMap" -> readConfigMap(reader, object);
            case "Secret" -> readSecret(reader, object);
            case "ServiceAccount" -> readServiceAccount(reader, object);
            default ->
                    throw unsupported(
                            "protobuf bodies of kind " + kind + " are not read; send JSON");
        }
        return object;
    }

    private static void readNamespace(Reader reader, ObjectNode object) {
        while (reader.hasMore()) {
            switch (reader.tag()) {
                case 1 -> object.set("metadata", objectMeta(reader.message()));
                case 2 -> {
                    Reader spec = reader.message();
                    ArrayNode finalizers = object.putObject("spec").putArray("finalizers");
                    while (spec.hasMore()) {
                        if (spec.tag() == 1) {
                            finalizers.add(spec.string());
                        } else {
                            spec.skip();
                        }
                    }
                }
                default -> reader.skip();
            }
        }
    }

    private static void readConfigMap(Reader reader, ObjectNode object) {
        while (reader.hasMore()) {
            switch (reader.tag()) {
                case 1 -> object.set("metadata", objectMeta(reader.message()));
                case 2 -> mapEntry(reader.message(), object.withObjectProperty("data"), false);
                case 3 -> mapEntry(reader.message(), object.withObjectProperty("binaryData"), true);
                case 4 -> object.put("immutable", reader.varint() != 0);
                default -> reader.skip();
            }
        }
    }

    private static void readSecret(Reader reader, ObjectNode object) {
        while (reader.hasMore()) {
            switch (reader.tag()) {
                case 1 -> object.set("metadata", objectMeta(reader.message()));
                case 2 -> mapEntry(reader.message(), object.withObjectProperty("data"), true);
                case 3 -> putIfNotEmpty(object, "type", reader.string());
                case 4 ->
                        mapEntry(reader.message(), object.withObjectProperty("stringData"), false);
                case 5 -> object.put("immutable", reader.varint() != 0);
                default -> reader.skip();
            }
        }
    }

    private static void readServiceAccount(Reader reader, ObjectNode object) {
        while (reader.hasMore()) {
            switch (reader.tag()) {
                case 1 -> object.set("metadata", objectMeta(reader.message()));
                case 3 -> {
                    Reader reference = reader.message();
                    while (reference.hasMore()) {
                        if (reference.tag() == 1) {
                            object.withArrayProperty("imagePullSecrets")
                                    .addObject()
                                    .put("name", reference.string());
                        } else {
                            reference.skip();
                        }
                    }
                }
                case 4 -> object.put("automountServiceAccountToken", reader.varint() != 0);
                default -> reader.skip();
            }
        }
    }

    /** The fields of ObjectMeta a client may set; the server sets the rest. */
    private static ObjectNode objectMeta(Reader reader) {
        ObjectNode metadata = NODES.objectNode();
        while (reader.hasMore()) {
            switch (reader.tag()) {
                case 1 -> putIfNotEmpty(metadata, "name", reader.string());
                case 2 -> putIfNotEmpty(metadata, "generateName", reader.string());
                case 3 -> putIfNotEmpty(metadata, "namespace", reader.string());
                case 11 -> mapEntry(reader.message(), metadata.withObjectProperty("labels"), false);
                case 12 ->
                        mapEntry(
                                reader.message(),
                                metadata.withObjectProperty("annotations"),
                                false);
                case 13 ->
                        metadata.withArrayProperty("ownerReferences")
                                .add(ownerReference(reader.message()));
                case 14 -> metadata.withArrayProperty("finalizers").add(reader.string());
                default -> reader.skip();
            }
        }
        return metadata;
    }

    private static ObjectNode ownerReference(Reader reader) {
        ObjectNode reference = NODES.objectNode();
        while (reader.hasMore()) {
            switch (reader.tag()) {
                case 1 -> reference.put("kind", reader.string());
                case 3 -> reference.put("name", reader.string());
                case 4 -> reference.put("uid", reader.string());
                case 5 -> reference.put("apiVersion", reader.string());
                case 6 -> reference.put("controller", reader.varint() != 0);
                case 7 -> reference.put("blockOwnerDeletion", reader.varint() != 0);
                default -> reader.skip();
            }
        }
        return reference;
    }

    /** One entry of a protobuf map: key 1, value 2; bytes values become base64 as in JSON. */
    private static void mapEntry(Reader entry, ObjectNode into, boolean bytesValue) {
        String key = "";
        String value = "";
        while (entry.hasMore()) {
            int field = entry.tag();
            if (field == 1) {
                key = entry.string();
            } else if (field == 2) {
                byte[] bytes = entry.bytes();
                value =
                        bytesValue
                                ? Base64.getEncoder().encodeToString(bytes)
                                : new String(bytes, StandardCharsets.UTF_8);
            } else {
                entry.skip();
            }
        }
        into.put(key, value);
    }

    /** Protobuf writes empty strings for unset fields; JSON leaves them out. */
    private static void putIfNotEmpty(ObjectNode object, String field, String value) {
        if (!value.isEmpty()) {
            object.put(field, value);
        }
    }

    private static ApiError unsupported(String message) {
        return ApiError.unsupportedMediaType(message);
    }

    /** A protobuf wire-format reader over one message. */
    private static final class Reader {
        private final byte[] data;
        private int position;
        private int wireType;

        Reader(byte[] data) {
            this.data = data;
        }

        boolean hasMore() {
            return position < data.length;
        }

        int tag() {
            long key = varint();
            wireType = (int) (key & 7);
            return (int) (key >>> 3);
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = data[position++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw ApiError.badRequest("malformed protobuf varint");
        }

        byte[] bytes() {
            int length = (int) varint();
            byte[] bytes = Arrays.copyOfRange(data, position, position + length);
            position += length;
            return bytes;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            return new Reader(bytes());
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> position += 8;
                case 2 -> bytes();
                case 5 -> position += 4;
                default -> throw ApiError.badRequest("unsupported protobuf wire type " + wireType);
            }
        }
    }
}
