package dev.vigil.status;

import dev.vigil.api.v1alpha1.DatabaseEndpoints;
import java.util.List;

/**
 * Everything the reconciler observed on one pass, from which the status is computed.
 *
 * @param desiredMembers members the spec asks for
 * @param readyPods database pods that are ready
 * @param rolloutComplete the StatefulSet runs its latest revision everywhere
 * @param health what the database said
 * @param endpoints how clients connect
 * @param secrets names of the credential Secrets
 */
public record DatabaseObservation(
        int desiredMembers,
        int readyPods,
        boolean rolloutComplete,
        DatabaseHealth health,
        DatabaseEndpoints endpoints,
        List<String> secrets) {

    public DatabaseObservation {
        secrets = List.copyOf(secrets);
    }

    /** Whether every desired member has a ready pod running the latest revision. */
    public boolean podsReady() {
        return rolloutComplete && readyPods >= desiredMembers;
    }
}
