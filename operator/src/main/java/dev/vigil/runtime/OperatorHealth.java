package dev.vigil.runtime;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Liveness and readiness of a JOSDK {@link Operator}, read from its {@link RuntimeInfo}.
 *
 * <p>Live unless the operator failed to start. Ready once the operator has started and every event
 * source (informer) of every controller is healthy. With leader election, readiness does not depend
 * on holding the Lease: a standby replica has started, its informers are synced, and it is ready
 * but idle, reconciling nothing until it becomes leader. Tying readiness to leadership would make a
 * rolling update wait forever for a standby that can never lead while the old leader lives.
 */
public final class OperatorHealth implements HealthProbes {

    private final Operator operator;
    private final AtomicReference<String> startupFailure = new AtomicReference<>();

    public OperatorHealth(Operator operator) {
        this.operator = operator;
    }

    /** Records that the operator could not start: from now on the process is not live. */
    public void startupFailed(Throwable cause) {
        startupFailure.compareAndSet(null, describe(cause));
    }

    @Override
    public ProbeResult liveness() {
        String failure = startupFailure.get();
        return failure == null
                ? ProbeResult.ok()
                : ProbeResult.failing("operator failed to start: " + failure);
    }

    @Override
    public ProbeResult readiness() {
        ProbeResult liveness = liveness();
        if (!liveness.healthy()) {
            return liveness;
        }
        RuntimeInfo runtimeInfo = operator.getRuntimeInfo();
        if (!runtimeInfo.isStarted()) {
            return ProbeResult.failing("operator not started");
        }
        if (!runtimeInfo.allEventSourcesAreHealthy()) {
            return ProbeResult.failing(
                    "unhealthy event sources: "
                            + unhealthyNames(runtimeInfo.unhealthyEventSources()));
        }
        return ProbeResult.ok();
    }

    /** "controller/eventSource" names, sorted so that the reason reads the same every time. */
    private static String unhealthyNames(Map<String, ? extends Map<String, ?>> byController) {
        TreeSet<String> names = new TreeSet<>();
        byController.forEach(
                (controller, sources) ->
                        sources.keySet().forEach(source -> names.add(controller + "/" + source)));
        return String.join(", ", names);
    }

    private static String describe(Throwable cause) {
        // JOSDK wraps the real error ("Error starting operator"); the innermost message says why.
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message != null ? message : root.getClass().getSimpleName();
    }
}
