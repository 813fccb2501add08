package dev.vigil.cli;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.monitoring.MonitoringResources;
import dev.vigil.monitoring.policy.AlertPolicyRules;
import dev.vigil.rollout.analysis.AnalysisRules;
import dev.vigil.validation.AlertPolicyValidator;
import dev.vigil.validation.ChangeRules;
import dev.vigil.validation.FieldError;
import dev.vigil.validation.ImmutableFields;
import dev.vigil.validation.MonitoredDatabaseValidator;
import dev.vigil.validation.RefusedChange;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates Vigil's resources among manifests. Documents of other API groups are left alone: a
 * GitOps repository holds Deployments and ConfigMaps next to MonitoredDatabases. A document that
 * claims the {@code vigil.dev} group with a kind or version Vigil does not know is a problem, as
 * the API server would refuse it.
 */
final class ManifestValidator {

    static final String SERVED_API_VERSION = HasMetadata.getApiVersion(MonitoredDatabase.class);
    static final String MONITORED_DATABASE = HasMetadata.getKind(MonitoredDatabase.class);
    static final String ALERT_POLICY = HasMetadata.getKind(AlertPolicy.class);

    private final MonitoredDatabaseValidator databases = new MonitoredDatabaseValidator();
    private final AlertPolicyValidator policies = new AlertPolicyValidator();

    /** One problem of one document. */
    record Problem(ManifestDocument document, FieldError error) {

        /** {@code FILE: Kind/name: FIELD: REASON}, the one format of every problem line. */
        String line() {
            return document.file()
                    + ": "
                    + document.label()
                    + ": "
                    + error.field()
                    + ": "
                    + error.reason();
        }
    }

    /**
     * What validation found.
     *
     * @param checkedResources how many of Vigil's resources were checked
     * @param problems every problem, in the order of the documents
     */
    record Result(int checkedResources, List<Problem> problems) {

        boolean valid() {
            return problems.isEmpty();
        }
    }

    Result validate(List<ManifestDocument> documents) {
        return validate(documents, PreviousRevision.none());
    }

    /**
     * Validates {@code documents}, and refuses the changes from {@code previous} that the operator
     * or the API server would refuse.
     */
    Result validate(List<ManifestDocument> documents, PreviousRevision previous) {
        int checked = 0;
        List<Problem> problems = new ArrayList<>();
        for (ManifestDocument document : documents) {
            if (!document.isVigilResource()) {
                continue;
            }
            checked++;
            List<FieldError> errors = validate(document);
            if (errors.isEmpty() && MONITORED_DATABASE.equals(document.kind())) {
                errors = refusedChanges(document, previous);
            }
            for (FieldError error : errors) {
                problems.add(new Problem(document, error));
            }
        }
        return new Result(checked, problems);
    }

    private static List<FieldError> refusedChanges(
            ManifestDocument document, PreviousRevision previous) {
        MonitoredDatabase database =
                SchemaDefaults.withDefaults(
                        Serialization.jsonMapper()
                                .convertValue(document.content(), MonitoredDatabase.class));
        List<FieldError> immutable =
                previous.previousOf(document)
                        .map(before -> ImmutableFields.check(before, database))
                        .orElse(List.of());
        if (!immutable.isEmpty()) {
            // Refused as a whole; the version rules would compare one engine's with another's.
            return immutable;
        }
        return ChangeRules.check(database, previous.deployedFor(document)).stream()
                .map(RefusedChange::error)
                .toList();
    }

    private List<FieldError> validate(ManifestDocument document) {
        if (!SERVED_API_VERSION.equals(document.apiVersion())) {
            return List.of(
                    new FieldError(
                            "apiVersion",
                            document.apiVersion()
                                    + " is not served by this version of Vigil; use "
                                    + SERVED_API_VERSION));
        }
        if (MONITORED_DATABASE.equals(document.kind())) {
            List<FieldError> errors = databases.validate(document.content());
            if (!errors.isEmpty()) {
                return errors;
            }
            MonitoredDatabase database =
                    Serialization.jsonMapper()
                            .convertValue(document.content(), MonitoredDatabase.class);
            return AnalysisRules.check(
                    database,
                    DatabaseEngines.of(database.getSpec()).analyses(),
                    MonitoringResources.SYNTAX_CHECK);
        }
        if (ALERT_POLICY.equals(document.kind())) {
            List<FieldError> schema = policies.validate(document.content());
            if (!schema.isEmpty()) {
                return schema;
            }
            AlertPolicy policy =
                    SchemaDefaults.withDefaults(
                            Serialization.jsonMapper()
                                    .convertValue(document.content(), AlertPolicy.class));
            return AlertPolicyRules.check(policy, MonitoringResources.SYNTAX_CHECK);
        }
        return List.of(
                new FieldError(
                        "kind",
                        "'"
                                + document.kind()
                                + "' is not a kind of "
                                + ManifestDocument.VIGIL_GROUP
                                + "; it has "
                                + MONITORED_DATABASE
                                + " and "
                                + ALERT_POLICY));
    }
}
