package dev.vigil.rollout;

/**
 * A condition's status, reason and message, before it gets its times.
 *
 * @param status True or False
 * @param reason a {@link RolloutMessages} reason
 * @param message for people
 */
public record ConditionVerdict(boolean status, String reason, String message) {}
