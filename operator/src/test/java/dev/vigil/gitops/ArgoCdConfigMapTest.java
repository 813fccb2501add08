package dev.vigil.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/gitops/argocd-cm.yaml} stays true: its inline health checks are the tested {@code
 * .lua} files, and its ignoreDifferences name exactly the fields a {@code default:} of the CRD
 * schema sets, each ignored only while it holds that default.
 */
class ArgoCdConfigMapTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CRDS = Path.of("..", "crds");
    private static final String HEALTH = "resource.customizations.health.vigil.dev_";
    private static final String IGNORE = "resource.customizations.ignoreDifferences.vigil.dev_";

    private static JsonNode read(Path file) throws IOException {
        return YAML.readTree(Files.readString(file));
    }

    private static JsonNode data() throws IOException {
        return read(ArgoCdHealthCheck.GITOPS.resolve("argocd-cm.yaml")).get("data");
    }

    @Test
    void theInlineHealthChecksAreTheTestedLuaFiles() throws IOException {
        JsonNode data = data();
        assertThat(data.get(HEALTH + "MonitoredDatabase").asText())
                .isEqualTo(
                        Files.readString(
                                ArgoCdHealthCheck.GITOPS.resolve(
                                        "argocd-health-monitoreddatabase.lua")));
        assertThat(data.get(HEALTH + "AlertPolicy").asText())
                .isEqualTo(
                        Files.readString(
                                ArgoCdHealthCheck.GITOPS.resolve("argocd-health-alertpolicy.lua")));
    }

    @Test
    void monitoredDatabaseDefaultsAreIgnoredExactlyWhileTheyHoldTheirDefault() throws IOException {
        assertThat(ignored("MonitoredDatabase"))
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(
                        defaultedFields(CRDS.resolve("monitoreddatabases.vigil.dev-v1.yml")))
                .contains(
                        ".spec.mode | select(. == \"Managed\")",
                        ".spec.replicas | select(. == 1)",
                        ".spec.storage.size | select(. == \"10Gi\")");
    }

    @Test
    void alertPolicyDefaultsAreIgnoredExactlyWhileTheyHoldTheirDefault() throws IOException {
        assertThat(ignored("AlertPolicy"))
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(
                        defaultedFields(CRDS.resolve("alertpolicies.vigil.dev-v1.yml")));
    }

    @Test
    void everyCrdIsCovered() throws IOException {
        try (var files = Files.list(CRDS)) {
            List<String> kinds =
                    files.map(
                                    f -> {
                                        try {
                                            return read(f).at("/spec/names/kind").asText();
                                        } catch (IOException e) {
                                            throw new IllegalStateException(e);
                                        }
                                    })
                            .toList();
            JsonNode data = data();
            for (String kind : kinds) {
                assertThat(data.has(HEALTH + kind)).as("health check of " + kind).isTrue();
                assertThat(data.has(IGNORE + kind)).as("ignoreDifferences of " + kind).isTrue();
            }
        }
    }

    private static List<String> ignored(String kind) throws IOException {
        JsonNode ignore = YAML.readTree(data().get(IGNORE + kind).asText());
        assertThat(ignore.has("jsonPointers"))
                .as("jsonPointers would hide real changes to a defaulted field")
                .isFalse();
        List<String> expressions = new ArrayList<>();
        ignore.get("jqPathExpressions").forEach(e -> expressions.add(e.asText()));
        return expressions;
    }

    /**
     * For every {@code default:} in the CRD's schemas, the jq expression selecting that field while
     * it holds its default: {@code .spec.mode | select(. == "Managed")}; a list's items are {@code
     * []?}, so a missing list selects nothing.
     */
    private static List<String> defaultedFields(Path crd) throws IOException {
        List<String> fields = new ArrayList<>();
        for (JsonNode version : read(crd).at("/spec/versions")) {
            collect(version.at("/schema/openAPIV3Schema"), "", fields);
        }
        return fields;
    }

    private static void collect(JsonNode schema, String path, List<String> fields) {
        if (schema.has("default")) {
            fields.add(path + " | select(. == " + schema.get("default").toString() + ")");
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            collect(property.getValue(), path + "." + property.getKey(), fields);
        }
        if (schema.has("items")) {
            collect(schema.get("items"), path + "[]?", fields);
        }
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject()) {
            assertThat(hasDefault(additional))
                    .as(
                            "a default under the map "
                                    + path
                                    + " has no jq path here; extend ArgoCdConfigMapTest")
                    .isFalse();
        }
    }

    private static boolean hasDefault(JsonNode schema) {
        if (schema.has("default")) {
            return true;
        }
        for (JsonNode child : schema) {
            if (child.isContainerNode() && hasDefault(child)) {
                return true;
            }
        }
        return false;
    }
}
