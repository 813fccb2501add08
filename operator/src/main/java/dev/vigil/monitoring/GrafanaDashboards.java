package dev.vigil.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.monitoring.slo.ServiceLevelObjectives;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Grafana dashboard of one database, made from the engine's dashboard template ({@code
 * dashboard.json} of the engine's package, a Grafana dashboard JSON model with a Prometheus data
 * source variable).
 *
 * <p>The templates scope their queries with placeholders that are replaced in every string of the
 * model, the same matchers the alert rules use ({@link MetricSelectors}): {@code %EXPORTER%} the
 * exporter's series, {@code %PODS%} the pods running the database or its exporter, {@code
 * %VOLUMES%} the members' data volumes, {@code %OPERATOR%} the operator's own series about the
 * database, and {@code %NAMESPACE%} and {@code %DATABASE%} for titles. Replacing in the parsed
 * model rather than in the text keeps the JSON valid whatever the matchers contain (they contain
 * double quotes). Each dashboard is fixed to its database rather than offering a database variable,
 * so the sidecar's folder never holds two dashboards that show the same data.
 *
 * <p>Panels that could only stay empty are left out: the volume panels of an External database, the
 * backup panels ({@code vigil_backup_*}) of a database without {@code spec.backup}, the SLO panels
 * ({@code vigil:slo_*}) of one without {@code spec.monitoring.slo}, and a row left with no panel.
 */
public final class GrafanaDashboards {

    /** Grafana's limit on a dashboard uid. */
    static final int MAX_UID_LENGTH = 40;

    private static final String UID_PREFIX = "vigil-";
    private static final String VOLUMES = "%VOLUMES%";
    private static final String BACKUP_SERIES = "vigil_backup_";
    private static final String SLO_SERIES = "vigil:slo_";

    // Every pass builds the dashboard: the template, parsed and pruned, is kept per kind and
    // copied.
    private static final Map<Panels, ObjectNode> PANELS = new ConcurrentHashMap<>();

    private GrafanaDashboards() {}

    /** The dashboard JSON of {@code database}, from its engine's template. */
    public static String forDatabase(MonitoredDatabase database, EngineMonitoring engine) {
        ObjectNode dashboard =
                PANELS.computeIfAbsent(
                                new Panels(
                                        engine.dashboardTemplate(),
                                        DatabaseMode.runsMembers(database.getSpec().getMode()),
                                        database.getSpec().getBackup() != null,
                                        ServiceLevelObjectives.spec(database) != null),
                                GrafanaDashboards::panels)
                        .deepCopy();
        Map<String, String> placeholders =
                Map.of(
                        "%EXPORTER%",
                        MetricSelectors.exporter(database),
                        "%PODS%",
                        MetricSelectors.pods(database),
                        VOLUMES,
                        MetricSelectors.volumes(database),
                        "%OPERATOR%",
                        MetricSelectors.operator(database),
                        "%NAMESPACE%",
                        database.getMetadata().getNamespace(),
                        "%DATABASE%",
                        database.getMetadata().getName());
        replaceInStrings(dashboard, placeholders);
        dashboard.put("uid", uid(database));
        try {
            return Serialization.jsonMapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(dashboard);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the dashboard of " + database, e);
        }
    }

    /**
     * A uid stable for the database's namespace and name, so the sidecar updates the same dashboard
     * after every change and links to it keep working; hashed because a uid is at most 40
     * characters while a namespace and a name may each be 63.
     */
    public static String uid(MonitoredDatabase database) {
        String key = database.getMetadata().getNamespace() + "/" + database.getMetadata().getName();
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(StandardCharsets.UTF_8));
            return UID_PREFIX
                    + HexFormat.of()
                            .formatHex(digest)
                            .substring(0, MAX_UID_LENGTH - UID_PREFIX.length());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /**
     * Which panels of a template a database's dashboard has: an External database has no volumes of
     * ours (a volume panel would stay empty), one without backups no backup series, one without
     * {@code spec.monitoring.slo} no SLO series.
     */
    private record Panels(String template, boolean volumes, boolean backups, boolean slo) {}

    /** The template's panels for {@code panels}, with placeholders; made once per kind. */
    private static ObjectNode panels(Panels panels) {
        ObjectNode dashboard = parse(panels.template());
        if (!panels.volumes()) {
            removePanelsReading(dashboard, VOLUMES);
        }
        if (!panels.backups()) {
            removePanelsReading(dashboard, BACKUP_SERIES);
        }
        if (!panels.slo()) {
            removePanelsReading(dashboard, SLO_SERIES);
        }
        removeEmptyRows(dashboard);
        return dashboard;
    }

    private static ObjectNode parse(String path) {
        try (InputStream in = GrafanaDashboards.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("dashboard template not bundled: " + path);
            }
            return (ObjectNode) Serialization.jsonMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static void removePanelsReading(ObjectNode dashboard, String placeholder) {
        Iterator<JsonNode> panels = dashboard.withArray("panels").elements();
        while (panels.hasNext()) {
            if (panels.next().toString().contains(placeholder)) {
                panels.remove();
            }
        }
    }

    /**
     * Removes each expanded row followed by another row or by nothing: its panels were removed. (A
     * collapsed row holds its panels, which are never removed.)
     */
    private static void removeEmptyRows(ObjectNode dashboard) {
        ArrayNode panels = dashboard.withArray("panels");
        for (int i = panels.size() - 1; i >= 0; i--) {
            JsonNode panel = panels.get(i);
            boolean last = i == panels.size() - 1;
            if (isRow(panel)
                    && panel.path("panels").isEmpty()
                    && (last || isRow(panels.get(i + 1)))) {
                panels.remove(i);
            }
        }
    }

    private static boolean isRow(JsonNode panel) {
        return "row".equals(panel.path("type").asText());
    }

    private static void replaceInStrings(JsonNode node, Map<String, String> placeholders) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual()) {
                    field.setValue(replace(field.getValue().textValue(), placeholders));
                } else {
                    replaceInStrings(field.getValue(), placeholders);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, replace(array.get(i).textValue(), placeholders));
                } else {
                    replaceInStrings(array.get(i), placeholders);
                }
            }
        }
    }

    private static TextNode replace(String text, Map<String, String> placeholders) {
        String replaced = text;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            replaced = replaced.replace(placeholder.getKey(), placeholder.getValue());
        }
        return TextNode.valueOf(replaced);
    }
}
