package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * The parts of a Deployment's spec the controller acts on, with the {@code apps/v1} defaults (1
 * replica, RollingUpdate with 25% surge and 25% unavailable, a 600 s progress deadline) and the
 * surge and unavailability resolved to pod counts as {@code ResolveFenceposts} does: surge rounded
 * up, unavailability rounded down, and 1 unavailable when both would be 0.
 *
 * @param replicas {@code spec.replicas}
 * @param recreate {@code strategy.type: Recreate}
 * @param maxSurge pods allowed above {@code replicas} during a rolling update
 * @param maxUnavailable pods allowed below {@code replicas} during a rolling update
 * @param minReadySeconds {@code spec.minReadySeconds}
 * @param progressDeadlineSeconds {@code spec.progressDeadlineSeconds}
 */
public record DeploymentSettings(
        int replicas,
        boolean recreate,
        int maxSurge,
        int maxUnavailable,
        int minReadySeconds,
        int progressDeadlineSeconds) {

    private static final IntOrString DEFAULT_FENCEPOST = new IntOrString("25%");

    /** The settings of {@code deployment}, defaults applied. */
    public static DeploymentSettings of(Deployment deployment) {
        DeploymentSpec spec = deployment.getSpec();
        int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
        DeploymentStrategy strategy = spec.getStrategy();
        boolean recreate = strategy != null && "Recreate".equals(strategy.getType());
        RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
        int surge = 0;
        int unavailable = 0;
        if (!recreate) {
            surge = scaled(rolling == null ? null : rolling.getMaxSurge(), replicas, true);
            unavailable =
                    scaled(rolling == null ? null : rolling.getMaxUnavailable(), replicas, false);
            if (surge == 0 && unavailable == 0) {
                unavailable = 1;
            }
        }
        return new DeploymentSettings(
                replicas,
                recreate,
                surge,
                unavailable,
                spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds(),
                spec.getProgressDeadlineSeconds() == null
                        ? 600
                        : spec.getProgressDeadlineSeconds());
    }

    /**
     * The pods that may be unavailable while the Deployment counts as available: {@code
     * maxUnavailable} capped at {@code replicas}, none for Recreate.
     */
    public int allowedUnavailable() {
        return recreate || replicas == 0 ? 0 : Math.min(maxUnavailable, replicas);
    }

    private static int scaled(IntOrString value, int total, boolean roundUp) {
        IntOrString effective = value == null ? DEFAULT_FENCEPOST : value;
        if (effective.getIntVal() != null) {
            return effective.getIntVal();
        }
        String text = effective.getStrVal();
        if (text == null) {
            return 0;
        }
        if (!text.endsWith("%")) {
            return Integer.parseInt(text);
        }
        double percent = Integer.parseInt(text.substring(0, text.length() - 1)) / 100.0;
        double exact = percent * total;
        return (int) (roundUp ? Math.ceil(exact) : Math.floor(exact));
    }
}
