package dev.vigil.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Optional;

/**
 * Everything Vigil checks in a MonitoredDatabase before acting on it: the CRD schema first, then,
 * only when the schema holds, {@link SpecRules} (the rules rely on the types and bounds the schema
 * guarantees, and default the resource themselves).
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class MonitoredDatabaseValidator {

    private final CrdSchemaValidator schema =
            CrdSchemaValidator.forCrd(CrdSchemaValidator.MONITORED_DATABASE_CRD);

    /** The problems of {@code resource}, a MonitoredDatabase as read from YAML or JSON. */
    public List<FieldError> validate(JsonNode resource) {
        List<FieldError> schemaErrors = schema.validate(resource);
        if (!schemaErrors.isEmpty()) {
            return schemaErrors;
        }
        Optional<FieldError> unreadable = TypedReading.problem(resource, MonitoredDatabase.class);
        if (unreadable.isPresent()) {
            return List.of(unreadable.get());
        }
        MonitoredDatabase database =
                Serialization.jsonMapper().convertValue(resource, MonitoredDatabase.class);
        return SpecRules.check(database);
    }

    /** The problems of {@code database}, for callers that hold the typed resource. */
    public List<FieldError> validate(MonitoredDatabase database) {
        return validate(Serialization.jsonMapper().valueToTree(database));
    }
}
