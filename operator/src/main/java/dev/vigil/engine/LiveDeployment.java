package dev.vigil.engine;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Objects;

/** What an exporter's live Deployment says about its pods. */
public final class LiveDeployment {

    private LiveDeployment() {}

    /** The Deployment's ready pods, 0 before its controller reported any. */
    public static int readyReplicas(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    }

    /** The Deployment controller has rolled the latest template out. */
    public static boolean rolledOut(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        return status != null
                && Objects.equals(
                        status.getObservedGeneration(), deployment.getMetadata().getGeneration())
                && Objects.equals(status.getUpdatedReplicas(), deployment.getSpec().getReplicas());
    }
}
