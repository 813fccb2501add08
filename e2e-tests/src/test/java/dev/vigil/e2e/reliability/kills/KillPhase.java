package dev.vigil.e2e.reliability.kills;

import java.time.Duration;

/**
 * The moments of a database's life the operator is killed in, each with the longest random delay
 * between the user's change and the kill: about as long as the phase takes here, so most kills land
 * in the middle of it (the figures count those that came after it finished).
 */
public enum KillPhase {
    /** {@code kubectl apply} of a new database (one member). */
    CREATION(Duration.ofSeconds(4)),
    /** One member more: a standby bootstrapped through a replication slot. */
    SCALING(Duration.ofSeconds(4)),
    /** A setting that rolls every member. */
    ROLLOUT(Duration.ofSeconds(8)),
    /** The monitoring password rotated with {@code kubectl annotate}. */
    ROTATION(Duration.ofSeconds(4)),
    /** A setting PostgreSQL refuses: crash loop, health gate failed, rolled back. */
    ROLLBACK(Duration.ofSeconds(6));

    private final Duration longestDelay;

    KillPhase(Duration longestDelay) {
        this.longestDelay = longestDelay;
    }

    public Duration longestDelay() {
        return longestDelay;
    }
}
