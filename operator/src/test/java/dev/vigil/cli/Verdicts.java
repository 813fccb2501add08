package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.monitoring.MonitoringResources;
import dev.vigil.monitoring.policy.AlertPolicyRules;
import dev.vigil.rollout.analysis.AnalysisRules;
import dev.vigil.validation.AlertPolicyValidator;
import dev.vigil.validation.FieldError;
import dev.vigil.validation.MonitoredDatabaseValidator;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.List;

/**
 * What the two places that validate Vigil's resources say of one document: {@code vigil validate}
 * ({@link ManifestValidator}, on the document as written) and the reconcilers (on the typed
 * resource the API server hands them).
 */
final class Verdicts {

    private static final ManifestValidator CLI = new ManifestValidator();
    private static final MonitoredDatabaseValidator DATABASES = new MonitoredDatabaseValidator();
    private static final AlertPolicyValidator POLICIES = new AlertPolicyValidator();

    private Verdicts() {}

    /** The errors {@code vigil validate} reports for {@code document}. */
    static List<FieldError> cli(JsonNode document) {
        return CLI
                .validate(List.of(new ManifestDocument(Path.of("fuzz.yaml"), 1, document)))
                .problems()
                .stream()
                .map(ManifestValidator.Problem::error)
                .toList();
    }

    /**
     * The errors the reconciler reports for {@code document} read into its type, as {@code
     * MonitoredDatabaseReconciler.validate} and {@code AlertPolicyReconciler.reconcile} check it:
     * the validator on the typed resource written back to a tree, then the analyses' or the
     * policy's own rules.
     *
     * @throws IllegalArgumentException when the type cannot hold the document
     */
    static List<FieldError> reconciler(JsonNode document) {
        if (ManifestValidator.ALERT_POLICY.equals(document.path("kind").asText())) {
            AlertPolicy policy =
                    Serialization.jsonMapper().convertValue(document, AlertPolicy.class);
            List<FieldError> errors =
                    POLICIES.validate(Serialization.jsonMapper().valueToTree(policy));
            return errors.isEmpty()
                    ? AlertPolicyRules.check(
                            SchemaDefaults.withDefaults(policy), MonitoringResources.SYNTAX_CHECK)
                    : errors;
        }
        MonitoredDatabase database =
                Serialization.jsonMapper().convertValue(document, MonitoredDatabase.class);
        List<FieldError> errors =
                DATABASES.validate(Serialization.jsonMapper().valueToTree(database));
        return errors.isEmpty()
                ? AnalysisRules.check(
                        database,
                        DatabaseEngines.of(database.getSpec()).analyses(),
                        MonitoringResources.SYNTAX_CHECK)
                : errors;
    }
}
