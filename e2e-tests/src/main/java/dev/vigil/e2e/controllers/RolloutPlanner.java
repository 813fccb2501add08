package dev.vigil.e2e.controllers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the replica counts of a Deployment's ReplicaSets for one pass, as the real Deployment
 * controller's {@code rolloutRolling} and {@code rolloutRecreate} do, without I/O.
 *
 * <p>RollingUpdate: the new ReplicaSet grows while all ReplicaSets together stay within {@code
 * replicas + maxSurge}; once it cannot grow, old ReplicaSets shrink, oldest first, while the
 * available pods stay at or above {@code replicas - maxUnavailable} (unavailable old pods go
 * first). Recreate: old ReplicaSets go to 0, and once none of their pods is left the new one goes
 * to {@code replicas}.
 */
public final class RolloutPlanner {

    /**
     * A ReplicaSet as the planner sees it.
     *
     * @param name its name
     * @param replicas {@code spec.replicas}
     * @param availableReplicas {@code status.availableReplicas}
     * @param pods its pods not yet finished (Failed or Succeeded), terminating ones included
     */
    public record ReplicaSetState(String name, int replicas, int availableReplicas, int pods) {}

    private RolloutPlanner() {}

    /**
     * The new {@code spec.replicas} of each ReplicaSet that changes in this pass.
     *
     * @param newReplicaSet the ReplicaSet of the current template; replicas 0 when it does not
     *     exist yet (it is created when it appears in the result)
     * @param oldReplicaSets the others, oldest first
     */
    public static Map<String, Integer> plan(
            DeploymentSettings settings,
            ReplicaSetState newReplicaSet,
            List<ReplicaSetState> oldReplicaSets) {
        return settings.recreate()
                ? recreate(settings, newReplicaSet, oldReplicaSets)
                : rolling(settings, newReplicaSet, oldReplicaSets);
    }

    private static Map<String, Integer> recreate(
            DeploymentSettings settings, ReplicaSetState fresh, List<ReplicaSetState> old) {
        Map<String, Integer> scale = new LinkedHashMap<>();
        for (ReplicaSetState rs : old) {
            if (rs.replicas() > 0) {
                scale.put(rs.name(), 0);
            }
        }
        if (!scale.isEmpty() || old.stream().anyMatch(rs -> rs.pods() > 0)) {
            return scale;
        }
        if (fresh.replicas() != settings.replicas()) {
            scale.put(fresh.name(), settings.replicas());
        }
        return scale;
    }

    private static Map<String, Integer> rolling(
            DeploymentSettings settings, ReplicaSetState fresh, List<ReplicaSetState> old) {
        Map<String, Integer> scale = new LinkedHashMap<>();
        int desired = settings.replicas();
        int allPods = fresh.replicas() + old.stream().mapToInt(ReplicaSetState::replicas).sum();
        if (fresh.replicas() > desired) {
            scale.put(fresh.name(), desired);
            return scale;
        }
        if (fresh.replicas() < desired) {
            int maxTotal = desired + settings.maxSurge();
            if (allPods < maxTotal) {
                int up = Math.min(maxTotal - allPods, desired - fresh.replicas());
                scale.put(fresh.name(), fresh.replicas() + up);
                return scale;
            }
        }
        if (old.stream().mapToInt(ReplicaSetState::replicas).sum() == 0) {
            return scale;
        }
        int minAvailable = desired - settings.maxUnavailable();
        int newUnavailable = fresh.replicas() - fresh.availableReplicas();
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return scale;
        }
        Map<String, Integer> replicas = new LinkedHashMap<>();
        old.forEach(rs -> replicas.put(rs.name(), rs.replicas()));

        // Unavailable old pods go first: removing them costs no availability.
        int cleaned = 0;
        for (ReplicaSetState rs : old) {
            if (cleaned >= maxScaledDown) {
                break;
            }
            int unhealthy = rs.replicas() - rs.availableReplicas();
            if (rs.replicas() == 0 || unhealthy <= 0) {
                continue;
            }
            int down = Math.min(maxScaledDown - cleaned, unhealthy);
            replicas.put(rs.name(), rs.replicas() - down);
            cleaned += down;
        }

        int available =
                fresh.availableReplicas()
                        + old.stream().mapToInt(ReplicaSetState::availableReplicas).sum();
        int toScaleDown = available - minAvailable;
        int scaledDown = 0;
        for (ReplicaSetState rs : old) {
            if (scaledDown >= toScaleDown) {
                break;
            }
            int current = replicas.get(rs.name());
            if (current == 0) {
                continue;
            }
            int down = Math.min(current, toScaleDown - scaledDown);
            replicas.put(rs.name(), current - down);
            scaledDown += down;
        }
        for (ReplicaSetState rs : old) {
            if (replicas.get(rs.name()) != rs.replicas()) {
                scale.put(rs.name(), replicas.get(rs.name()));
            }
        }
        return scale;
    }
}
