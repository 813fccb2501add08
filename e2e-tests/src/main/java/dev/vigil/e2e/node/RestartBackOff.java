package dev.vigil.e2e.node;

import java.time.Duration;

/**
 * The kubelet's back-off before restarting a failed container or pulling an image again: the
 * initial delay, doubled after each further failure, up to a maximum. A container that ran for
 * twice the maximum without failing starts over from the initial delay (a real node: 10 s doubling
 * to 5 min, reset after 10 min). Pure.
 */
record RestartBackOff(Duration initial, Duration max) {

    /** The delay after the {@code failures}-th failure in a row (1 for the first). */
    Duration delay(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** How long a container must run for its failures to be forgotten. */
    Duration resetAfter() {
        return max.multipliedBy(2);
    }
}
