package dev.vigil.e2e.controllers;

import java.util.List;

/**
 * What one pass of the StatefulSet controller does to a set's pods.
 *
 * @param actions the creations and deletions, in order
 * @param scaleDownReached whether the pass got as far as the pods above {@code spec.replicas}, the
 *     point where the real controller hands their claims over to the scale-down retention policy
 */
public record StatefulSetPlan(List<StatefulSetAction> actions, boolean scaleDownReached) {

    public StatefulSetPlan {
        actions = List.copyOf(actions);
    }
}
