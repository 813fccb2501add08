package dev.vigil.model;

import java.time.Clock;
import java.util.OptionalInt;

/**
 * What a builder may use besides the custom resource itself. Builders are pure: the same resource
 * and context always give the same objects (the generated secret values aside).
 *
 * @param clock the only source of time
 * @param credentials generator of secret values for Secrets that do not exist yet
 * @param statefulSetReplicas replicas to put in the StatefulSet instead of {@code spec.replicas},
 *     while the operator shrinks the database membership before the pods go away
 */
public record BuildContext(
        Clock clock, CredentialGenerator credentials, OptionalInt statefulSetReplicas) {

    /** A context for the desired state exactly as the spec says. */
    public static BuildContext of(Clock clock, CredentialGenerator credentials) {
        return new BuildContext(clock, credentials, OptionalInt.empty());
    }

    /** The same context, holding the StatefulSet at {@code replicas}. */
    public BuildContext withStatefulSetReplicas(int replicas) {
        return new BuildContext(clock, credentials, OptionalInt.of(replicas));
    }
}
