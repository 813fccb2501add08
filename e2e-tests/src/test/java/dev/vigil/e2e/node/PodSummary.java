package dev.vigil.e2e.node;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/** Waits for a pod's state and, when it does not come, says in one line what the pod was doing. */
final class PodSummary {

    private PodSummary() {}

    /** The pod once it has a status that satisfies {@code condition}. */
    static Pod awaitPod(
            KubernetesClient client,
            String namespace,
            String name,
            Duration timeout,
            Predicate<Pod> condition) {
        AtomicReference<Pod> last = new AtomicReference<>();
        try {
            await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> {
                                Pod pod = client.pods().inNamespace(namespace).withName(name).get();
                                last.set(pod);
                                return pod != null
                                        && pod.getStatus() != null
                                        && pod.getStatus().getPhase() != null
                                        && condition.test(pod);
                            });
            return last.get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    namespace
                            + "/"
                            + name
                            + " did not reach the expected state within "
                            + timeout
                            + "; last seen: "
                            + of(last.get()),
                    e);
        }
    }

    /** Phase and, per container, its state and restart count. */
    static String of(Pod pod) {
        if (pod == null) {
            return "no such pod";
        }
        if (pod.getStatus() == null) {
            return "no status";
        }
        List<String> parts = new ArrayList<>();
        parts.add("phase " + pod.getStatus().getPhase());
        describe("init ", pod.getStatus().getInitContainerStatuses(), parts);
        describe("", pod.getStatus().getContainerStatuses(), parts);
        return String.join("; ", parts);
    }

    private static void describe(String kind, List<ContainerStatus> statuses, List<String> parts) {
        if (statuses == null) {
            return;
        }
        for (ContainerStatus status : statuses) {
            parts.add(
                    kind
                            + status.getName()
                            + " "
                            + state(status.getState())
                            + ", ready "
                            + status.getReady()
                            + ", restarts "
                            + status.getRestartCount()
                            + ", last "
                            + state(status.getLastState()));
        }
    }

    private static String state(ContainerState state) {
        if (state == null) {
            return "-";
        }
        if (state.getRunning() != null) {
            return "running";
        }
        if (state.getWaiting() != null) {
            return "waiting "
                    + state.getWaiting().getReason()
                    + " ("
                    + state.getWaiting().getMessage()
                    + ")";
        }
        if (state.getTerminated() != null) {
            return "terminated "
                    + state.getTerminated().getReason()
                    + " "
                    + state.getTerminated().getExitCode();
        }
        return "-";
    }
}
