package dev.vigil.cli;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.HealthGateSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.MonitoringPasswordRotation;
import dev.vigil.engine.DatabaseEngine;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.engine.DatabaseResources;
import dev.vigil.monitoring.AlertmanagerConfigBuilder;
import dev.vigil.monitoring.MonitoringContext;
import dev.vigil.monitoring.MonitoringResources;
import dev.vigil.monitoring.policy.PolicySelection;
import dev.vigil.resources.BuildContext;
import dev.vigil.rollout.analysis.DatabaseSeries;
import dev.vigil.rollout.analysis.StandardAnalyses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders Vigil's resources into the objects the operator would create for them, as multi-document
 * YAML in the manner of {@code helm template}: each object after a {@code # Source:} line naming
 * the file and resource it comes from. It renders as on a cluster with the prometheus-operator
 * installed, with the AlertPolicies among the inputs.
 *
 * <p>Secret values are {@link CredentialGenerator#GENERATED_AT_RUN_TIME}: rendering runs offline
 * and must not invent a password that someone might then apply or commit.
 */
final class ManifestRenderer {

    private static final String DOCUMENT_START = "---\n";

    private final BuildContext context =
            BuildContext.of(Clock.systemUTC(), CredentialGenerator.RENDER_PLACEHOLDERS);
    private final String defaultNamespace;
    private final String runbookBaseUrl;
    private final List<AlertPolicy> policies = new ArrayList<>();
    private final List<MonitoredDatabase> databases = new ArrayList<>();

    /**
     * @param defaultNamespace the namespace of resources that name none, as {@code kubectl apply
     *     -n} would give them
     * @param runbookBaseUrl where the runbooks of the default alerts are published, ending with
     *     {@code /}
     * @param documents every valid document of the input; its AlertPolicies apply to its databases
     */
    ManifestRenderer(
            String defaultNamespace, String runbookBaseUrl, List<ManifestDocument> documents) {
        this.defaultNamespace = defaultNamespace;
        this.runbookBaseUrl = runbookBaseUrl;
        for (ManifestDocument document : documents) {
            if (document.isVigilResource()
                    && ManifestValidator.ALERT_POLICY.equals(document.kind())) {
                policies.add(read(document, AlertPolicy.class));
            }
            if (document.isVigilResource()
                    && ManifestValidator.MONITORED_DATABASE.equals(document.kind())) {
                databases.add(SchemaDefaults.withDefaults(read(document, MonitoredDatabase.class)));
            }
        }
    }

    /** The YAML of every object {@code document}, a valid MonitoredDatabase, stands for. */
    String renderDatabase(ManifestDocument document) {
        MonitoredDatabase database = read(document, MonitoredDatabase.class);
        DatabaseEngine engine = DatabaseEngines.of(SchemaDefaults.withDefaults(database).getSpec());
        List<HasMetadata> objects =
                new ArrayList<>(
                        DatabaseResources.desired(
                                        database,
                                        context.withMonitoringCredentialsRevision(
                                                MonitoringPasswordRotation.token(database)))
                                .all());
        objects.addAll(
                MonitoringResources.desired(
                                database,
                                engine.monitoring(),
                                MonitoringContext.installed(
                                                policies, DatabaseEngines.overridableAlerts())
                                        .withRunbookBaseUrl(runbookBaseUrl))
                        .objects());
        return yaml(document, objects, gateAnalyses(database, engine));
    }

    /**
     * The analyses the health gate of {@code database} measures, the ready-made ones written out,
     * as YAML comments: the operator queries them, they are no object to apply.
     */
    private static String gateAnalyses(MonitoredDatabase database, DatabaseEngine engine) {
        HealthGateSpec gate = SchemaDefaults.withDefaults(database).getSpec().getHealthGate();
        List<AnalysisSpec> analyses =
                gate == null || !engine.runsMembers()
                        ? List.of()
                        : StandardAnalyses.effective(
                                gate, DatabaseSeries.of(database), engine.analyses());
        if (analyses.isEmpty()) {
            return "";
        }
        StringBuilder comment =
                new StringBuilder(
                        "# The health gate's analyses, which the operator queries (not an"
                                + " object):\n");
        for (AnalysisSpec analysis : analyses) {
            comment.append("#   ")
                    .append(analysis.getName())
                    .append(": every ")
                    .append(analysis.getInterval())
                    .append(", failureLimit ")
                    .append(analysis.getFailureLimit())
                    .append(analysis.getWindow() == null ? "" : ", window " + analysis.getWindow())
                    .append("\n#     query: ")
                    .append(analysis.getQuery().replaceAll("\\s*\\n\\s*", " "))
                    .append("\n#     successCondition: ")
                    .append(analysis.getSuccessCondition())
                    .append('\n');
        }
        return comment.toString();
    }

    /** The YAML of the AlertmanagerConfig of {@code document}, a valid AlertPolicy, if any. */
    String renderPolicy(ManifestDocument document) {
        AlertPolicy policy = SchemaDefaults.withDefaults(read(document, AlertPolicy.class));
        List<String> selected =
                databases.stream()
                        .filter(database -> PolicySelection.selects(policy, database))
                        .map(database -> database.getMetadata().getName())
                        .toList();
        return yaml(
                document,
                AlertmanagerConfigBuilder.build(policy, selected).stream()
                        .map(HasMetadata.class::cast)
                        .toList(),
                "");
    }

    private <T extends CustomResource<?, ?>> T read(ManifestDocument document, Class<T> type) {
        T resource = Serialization.jsonMapper().convertValue(document.content(), type);
        if (resource.getMetadata().getNamespace() == null
                || resource.getMetadata().getNamespace().isEmpty()) {
            resource.getMetadata().setNamespace(defaultNamespace);
        }
        return resource;
    }

    /**
     * Each object as a document after its source line; {@code prelude}, comments, after the first
     * source line.
     */
    private static String yaml(
            ManifestDocument document, List<HasMetadata> objects, String prelude) {
        String source = "# Source: " + document.file() + " " + document.label() + "\n";
        StringBuilder yaml = new StringBuilder();
        String first = prelude;
        for (HasMetadata object : objects) {
            yaml.append(DOCUMENT_START).append(source).append(first);
            yaml.append(withoutDocumentStart(object));
            first = "";
        }
        return yaml.toString();
    }

    private static String withoutDocumentStart(HasMetadata object) {
        String yaml = Serialization.asYaml(object);
        return yaml.startsWith(DOCUMENT_START) ? yaml.substring(DOCUMENT_START.length()) : yaml;
    }
}
