package dev.vigil.rollout;

/** Which spec the database's objects are built from on a pass. */
public enum RolloutTarget {
    /** The spec of the resource: the generation under test, or one that passed. */
    SPEC,
    /** {@code status.rollout.lastStableSpec}: while a failed generation is rolled back. */
    LAST_STABLE_SPEC
}
