package dev.vigil.resources;

import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.MonitoringPasswordRotation;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a builder may use besides the custom resource itself. Builders are pure: the same resource
 * and context always give the same objects (the generated secret values aside).
 *
 * @param clock the only source of time
 * @param credentials generator of secret values for Secrets that do not exist yet
 * @param statefulSetReplicas replicas to put in the StatefulSet instead of {@code spec.replicas},
 *     while the operator shrinks the database membership before the pods go away
 * @param primaryOrdinal the member that is the primary now (PostgreSQL), as the operator observed
 *     it; member 0 when empty, as at creation
 * @param network where the operator and Prometheus run, for the database's NetworkPolicy
 * @param monitoringCredentialsRevision the monitoring-password rotation token of the resource as
 *     stored ({@link MonitoringPasswordRotation#token}), put on the exporters' pod template so a
 *     new one restarts them; empty when none is set
 */
public record BuildContext(
        Clock clock,
        CredentialGenerator credentials,
        OptionalInt statefulSetReplicas,
        OptionalInt primaryOrdinal,
        NetworkContext network,
        Optional<String> monitoringCredentialsRevision) {

    /**
     * A context for the desired state exactly as the spec says, with the operator and Prometheus
     * where {@link NetworkContext#DEFAULT} says.
     */
    public static BuildContext of(Clock clock, CredentialGenerator credentials) {
        return new BuildContext(
                clock,
                credentials,
                OptionalInt.empty(),
                OptionalInt.empty(),
                NetworkContext.DEFAULT,
                Optional.empty());
    }

    /** The same context, holding the StatefulSet at {@code replicas}. */
    public BuildContext withStatefulSetReplicas(int replicas) {
        return new BuildContext(
                clock,
                credentials,
                OptionalInt.of(replicas),
                primaryOrdinal,
                network,
                monitoringCredentialsRevision);
    }

    /** The same context, with member {@code ordinal} as the primary. */
    public BuildContext withPrimaryOrdinal(int ordinal) {
        return new BuildContext(
                clock,
                credentials,
                statefulSetReplicas,
                OptionalInt.of(ordinal),
                network,
                monitoringCredentialsRevision);
    }

    /** The same context, with the operator and Prometheus where {@code network} says. */
    public BuildContext withNetwork(NetworkContext network) {
        return new BuildContext(
                clock,
                credentials,
                statefulSetReplicas,
                primaryOrdinal,
                network,
                monitoringCredentialsRevision);
    }

    /**
     * The same context, with {@code revision} (the resource's rotation token, or empty) on the
     * exporters' pod templates.
     */
    public BuildContext withMonitoringCredentialsRevision(Optional<String> revision) {
        return new BuildContext(
                clock, credentials, statefulSetReplicas, primaryOrdinal, network, revision);
    }
}
