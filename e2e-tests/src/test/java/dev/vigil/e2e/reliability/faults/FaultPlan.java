package dev.vigil.e2e.reliability.faults;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which requests get a fault: a seeded random share of them ({@code rate}, e.g. 0.1), the kind
 * picked evenly among those that apply to the request. A watch can be refused (500, 429) or cut in
 * the middle; any other request can be refused, or time out before or after the server got it. The
 * same seed and the same sequence of requests give the same faults; the order of the operator's
 * concurrent requests varies from run to run, so a run is reproduced in its mix, not request by
 * request.
 */
public final class FaultPlan {

    private static final List<FaultKind> FOR_WATCHES =
            List.of(FaultKind.SERVER_ERROR, FaultKind.TOO_MANY_REQUESTS, FaultKind.DROPPED_WATCH);
    private static final List<FaultKind> FOR_REQUESTS =
            List.of(
                    FaultKind.SERVER_ERROR,
                    FaultKind.TOO_MANY_REQUESTS,
                    FaultKind.TIMEOUT,
                    FaultKind.LOST_ANSWER);

    private final Random random;
    private final double rate;
    private final AtomicBoolean active = new AtomicBoolean();

    public FaultPlan(long seed, double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be between 0 and 1, not " + rate);
        }
        this.random = new Random(seed);
        this.rate = rate;
    }

    /** Starts injecting (a new plan injects nothing until then). */
    public void start() {
        active.set(true);
    }

    /** Stops injecting: later requests pass untouched. */
    public void stop() {
        active.set(false);
    }

    public boolean active() {
        return active.get();
    }

    /** The fault for this request, if it gets one. */
    public synchronized Optional<FaultKind> decide(ApiRequest request) {
        if (!active.get() || random.nextDouble() >= rate) {
            return Optional.empty();
        }
        List<FaultKind> kinds = request.isWatch() ? FOR_WATCHES : FOR_REQUESTS;
        return Optional.of(kinds.get(random.nextInt(kinds.size())));
    }

    /** How long a watch picked to be dropped streams before it is cut: 0.2 to 3 s. */
    public synchronized long watchLifetimeMillis() {
        return 200 + random.nextInt(2800);
    }
}
