/**
 * The health gate and rollback: {@link dev.vigil.rollout.RolloutStateMachine}, a pure function of
 * the resource, the last status, an observation and the clock, deciding the rollout's state, its
 * conditions, the spec to build from and the actions to take.
 */
package dev.vigil.rollout;
