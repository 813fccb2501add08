package dev.vigil.e2e.controllers;

/** One thing the StatefulSet controller decided to do to a set's pods in a pass. */
public sealed interface StatefulSetAction {

    /**
     * Create the pod of {@code ordinal}.
     *
     * @param atUpdateRevision from the update revision's template; otherwise from the current
     *     revision's (ordinals below the partition of a RollingUpdate)
     */
    record CreatePod(int ordinal, boolean atUpdateRevision) implements StatefulSetAction {}

    /** Delete a pod, for the given reason. */
    record DeletePod(String name, int ordinal, Reason reason) implements StatefulSetAction {}

    /** Why a pod is deleted. */
    enum Reason {
        /** Its phase is Failed or Succeeded; it is re-created at the next pass. */
        FINISHED,
        /** Its ordinal is at or above {@code spec.replicas}. */
        SCALE_DOWN,
        /** It is not at the update revision; it is re-created at it. */
        UPDATE
    }
}
