package dev.vigil.engine.mongodb;

import java.time.Duration;

/**
 * How long Vigil waits for a member.
 *
 * @param connect to open a connection and to find the member (the driver's server selection)
 * @param command for a command's reply once connected; replica-set commands such as {@code
 *     replSetReconfig} can take several seconds on a real set
 */
record ClientTimeouts(Duration connect, Duration command) {

    ClientTimeouts {
        requirePositive("connect", connect);
        requirePositive("command", command);
    }

    private static void requirePositive(String name, Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(name + " timeout must be positive, got " + timeout);
        }
    }
}
