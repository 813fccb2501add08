package dev.vigil.engine.mongodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.vigil.validation.FieldError;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code spec.mongodb.configuration}: a user's mongod configuration-file options, checked against
 * the options Vigil owns and merged into Vigil's {@code mongod.conf}. Pure.
 */
public final class MongodConfiguration {

    /**
     * The options Vigil sets or relies on, as dotted paths; a user's option at or under one of them
     * is refused. The members' addresses, replication and authentication are Vigil's to run; the
     * data path is the volume's; a forked or file-logging mongod would leave the container without
     * its process or its logs.
     */
    static final Set<String> OWNED =
            Set.of(
                    "net.port",
                    "net.bindIp",
                    "net.bindIpAll",
                    "net.tls",
                    "net.ssl",
                    "replication",
                    "security",
                    "storage.dbPath",
                    "processManagement",
                    "systemLog.destination",
                    "systemLog.path");

    private static final Set<String> PROFILING_MODES = Set.of("off", "slowOp", "all");

    private static final ObjectMapper YAML =
            new ObjectMapper(
                    YAMLFactory.builder()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            .build());

    private MongodConfiguration() {}

    /**
     * Why {@code configuration} cannot be used, one error per problem naming the option under
     * {@code spec.mongodb.configuration}; empty when it can.
     */
    public static List<FieldError> problems(JsonNode configuration) {
        List<FieldError> problems = new ArrayList<>();
        String root = "spec.mongodb.configuration";
        if (configuration == null || configuration.isNull()) {
            return problems;
        }
        if (!configuration.isObject()) {
            problems.add(new FieldError(root, "must be a mapping of mongod configuration options"));
            return problems;
        }
        collectOwned(configuration, "", root, problems);
        JsonNode profiling = configuration.path("operationProfiling");
        JsonNode mode = profiling.path("mode");
        if (!mode.isMissingNode() && !PROFILING_MODES.contains(mode.asText())) {
            problems.add(
                    new FieldError(
                            root + ".operationProfiling.mode",
                            "must be off, slowOp or all (is " + mode.asText() + ")"));
        }
        JsonNode threshold = profiling.path("slowOpThresholdMs");
        if (!threshold.isMissingNode()
                && !(threshold.canConvertToInt() && threshold.asInt() >= 0)) {
            problems.add(
                    new FieldError(
                            root + ".operationProfiling.slowOpThresholdMs",
                            "must be a whole number of milliseconds, 0 or more (is "
                                    + threshold
                                    + ")"));
        }
        return problems;
    }

    /**
     * {@code base} (Vigil's mongod.conf) with {@code configuration} merged in: mappings merge key
     * by key, anything else is the user's. Vigil's owned options are never overwritten (they are
     * refused before this runs).
     */
    static String merge(String base, JsonNode configuration) {
        try {
            ObjectNode merged = (ObjectNode) YAML.readTree(base);
            mergeInto(merged, configuration);
            return YAML.writeValueAsString(merged);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mergeInto(ObjectNode target, JsonNode source) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                mergeInto(existingObject, field.getValue());
            } else if (existing == null) {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static void collectOwned(
            JsonNode node, String prefix, String root, List<FieldError> problems) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (OWNED.contains(path)) {
                problems.add(
                        new FieldError(
                                root + "." + path,
                                "is set by Vigil and cannot be overridden (see the"
                                        + " MonitoredDatabase's own fields for it)"));
            } else if (field.getValue().isObject()) {
                collectOwned(field.getValue(), path, root, problems);
            }
        }
    }
}
