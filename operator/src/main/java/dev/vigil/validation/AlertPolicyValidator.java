package dev.vigil.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.v1alpha1.AlertPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/**
 * Everything Vigil checks in an AlertPolicy before acting on it; for now its CRD schema.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class AlertPolicyValidator {

    private final CrdSchemaValidator schema =
            CrdSchemaValidator.forCrd(CrdSchemaValidator.ALERT_POLICY_CRD);

    /** The problems of {@code resource}, an AlertPolicy as read from YAML or JSON. */
    public List<FieldError> validate(JsonNode resource) {
        List<FieldError> errors = schema.validate(resource);
        if (!errors.isEmpty()) {
            return errors;
        }
        return TypedReading.problem(resource, AlertPolicy.class).map(List::of).orElse(List.of());
    }

    /** The problems of {@code policy}, for callers that hold the typed resource. */
    public List<FieldError> validate(AlertPolicy policy) {
        return validate(Serialization.jsonMapper().valueToTree(policy));
    }
}
