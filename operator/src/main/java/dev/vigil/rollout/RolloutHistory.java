package dev.vigil.rollout;

import dev.vigil.api.v1alpha1.RolloutRecord;
import java.util.ArrayList;
import java.util.List;

/** {@code status.rollout.history}: the last {@value #KEPT} rollouts, oldest first. */
final class RolloutHistory {

    /** How many rollouts are kept. */
    static final int KEPT = 10;

    private RolloutHistory() {}

    /** {@code history} with one more rollout, the oldest dropped beyond {@link #KEPT}. */
    static List<RolloutRecord> append(
            List<RolloutRecord> history,
            long generation,
            String startedAt,
            String finishedAt,
            String outcome,
            String reason) {
        RolloutRecord record = new RolloutRecord();
        record.setGeneration(generation);
        record.setStartedAt(startedAt);
        record.setFinishedAt(finishedAt);
        record.setOutcome(outcome);
        record.setReason(reason);
        List<RolloutRecord> next = new ArrayList<>(history == null ? List.of() : history);
        next.add(record);
        return List.copyOf(next.subList(Math.max(0, next.size() - KEPT), next.size()));
    }
}
