package dev.vigil.e2e.scenarios;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * Watches a database roll out a new generation as a user would with {@code kubectl get mdb} and
 * {@code kubectl get pods}: the canary steps its status showed, and the order in which its pods
 * were replaced, until the generation is Ready as the last stable one.
 */
final class RolloutWatch {

    private final Set<String> positions = new LinkedHashSet<>();
    private final List<String> replaced = new ArrayList<>();

    private RolloutWatch() {}

    /**
     * Polls database {@code name} until generation {@code generation} is Ready and stable.
     *
     * @param before the database's pods before the change
     */
    static RolloutWatch untilStable(
            Scenario scenario, String name, long generation, List<Pod> before) {
        Map<String, String> uids =
                before.stream()
                        .collect(
                                Collectors.toMap(
                                        p -> p.getMetadata().getName(),
                                        p -> p.getMetadata().getUid()));
        RolloutWatch watch = new RolloutWatch();
        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> watch.look(scenario, name, generation, uids));
        return watch;
    }

    private boolean look(
            Scenario scenario, String name, long generation, Map<String, String> uids) {
        MonitoredDatabase database = scenario.database(name);
        if (database.getStatus().getRollout() != null
                && database.getStatus().getRollout().getCanary() != null) {
            positions.add(database.getStatus().getRollout().getCanary().getPosition());
        }
        for (Pod pod : scenario.pods(name)) {
            String podName = pod.getMetadata().getName();
            if (!replaced.contains(podName)
                    && uids.containsKey(podName)
                    && !pod.getMetadata().getUid().equals(uids.get(podName))) {
                replaced.add(podName);
            }
        }
        return "Ready".equals(database.getStatus().getPhase())
                && database.getStatus().getRollout().getLastStableGeneration() == generation;
    }

    /** The canary steps the status showed ({@code status.rollout.canary.position}), in order. */
    Set<String> positions() {
        return positions;
    }

    /** The pods replaced, in the order they were first seen replaced. */
    List<String> replaced() {
        return replaced;
    }

    static Map<String, Pod> byName(List<Pod> pods) {
        return pods.stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), Function.identity()));
    }
}
