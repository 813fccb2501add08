package dev.vigil.status;

import dev.vigil.api.v1alpha1.DatabaseEndpoints;
import dev.vigil.api.v1alpha1.FailoverRecord;
import java.util.List;
import java.util.Optional;

/**
 * Everything the reconciler observed on one pass, from which the status is computed.
 *
 * @param desiredMembers members the spec asks for
 * @param readyPods database pods that are ready
 * @param rolloutComplete the StatefulSet runs its latest revision everywhere
 * @param health what the database said
 * @param endpoints how clients connect
 * @param secrets names of the credential Secrets
 * @param primary the pod that is the primary (PostgreSQL), when known
 * @param failover a promotion made on this pass or earlier, to keep in status
 * @param monitoring whether the scrape and alert objects are in place
 */
public record DatabaseObservation(
        int desiredMembers,
        int readyPods,
        boolean rolloutComplete,
        DatabaseHealth health,
        DatabaseEndpoints endpoints,
        List<String> secrets,
        Optional<String> primary,
        Optional<FailoverRecord> failover,
        MonitoringHealth monitoring) {

    public DatabaseObservation {
        secrets = List.copyOf(secrets);
    }

    /** An observation of an engine without a primary to track (MongoDB elects its own). */
    public static DatabaseObservation of(
            int desiredMembers,
            int readyPods,
            boolean rolloutComplete,
            DatabaseHealth health,
            DatabaseEndpoints endpoints,
            List<String> secrets,
            MonitoringHealth monitoring) {
        return new DatabaseObservation(
                desiredMembers,
                readyPods,
                rolloutComplete,
                health,
                endpoints,
                secrets,
                Optional.empty(),
                Optional.empty(),
                monitoring);
    }

    /** Whether every desired member has a ready pod running the latest revision. */
    public boolean podsReady() {
        return rolloutComplete && readyPods >= desiredMembers;
    }
}
