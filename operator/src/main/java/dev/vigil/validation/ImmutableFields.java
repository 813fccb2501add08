package dev.vigil.validation;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.ValidationMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fields of a MonitoredDatabase fixed at creation: {@code spec.engine}, {@code spec.mode} and
 * {@code spec.bootstrap} (which may only be removed). The API server refuses a change to them
 * through the CRD's transition rules ({@code self == oldSelf}), so the operator never sees one;
 * {@code vigil validate --previous} checks the same against the previous revision, with the same
 * words.
 */
public final class ImmutableFields {

    private ImmutableFields() {}

    /**
     * The immutable fields that differ between two revisions of one database, both defaulted with
     * {@code SchemaDefaults.withDefaults} (an unset mode is Managed, as the server stores it).
     */
    public static List<FieldError> check(MonitoredDatabase previous, MonitoredDatabase next) {
        List<FieldError> errors = new ArrayList<>();
        if (previous.getSpec() == null || next.getSpec() == null) {
            return errors;
        }
        if (!Objects.equals(previous.getSpec().getEngine(), next.getSpec().getEngine())) {
            errors.add(new FieldError("spec.engine", ValidationMessages.ENGINE_IMMUTABLE));
        }
        if (!Objects.equals(previous.getSpec().getMode(), next.getSpec().getMode())) {
            errors.add(new FieldError("spec.mode", ValidationMessages.MODE_IMMUTABLE));
        }
        // Set at creation only: adding or changing it is refused, removing it is not.
        if (next.getSpec().getBootstrap() != null
                && !json(next.getSpec().getBootstrap())
                        .equals(json(previous.getSpec().getBootstrap()))) {
            errors.add(new FieldError("spec.bootstrap", ValidationMessages.BOOTSTRAP_IMMUTABLE));
        }
        return errors;
    }

    private static Object json(Object value) {
        return value == null
                ? null
                : io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().valueToTree(value);
    }
}
