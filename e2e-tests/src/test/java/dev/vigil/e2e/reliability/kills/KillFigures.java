package dev.vigil.e2e.reliability.kills;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the kill scenario counts and times, for {@code ReliabilityRun.record}. */
public final class KillFigures {

    private final long seed;
    private final long started = System.nanoTime();
    private final Map<KillPhase, Integer> kills = new EnumMap<>(KillPhase.class);
    private final Map<KillPhase, Integer> afterPhaseDone = new EnumMap<>(KillPhase.class);
    private final List<Double> convergence = new ArrayList<>();
    private final List<Double> restartToReady = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int restarts;

    public KillFigures(long seed) {
        this.seed = seed;
    }

    /** A kill in {@code phase}; {@code phaseDone} when the phase had already finished. */
    public void killed(KillPhase phase, boolean phaseDone) {
        kills.merge(phase, 1, Integer::sum);
        if (phaseDone) {
            afterPhaseDone.merge(phase, 1, Integer::sum);
        }
    }

    public void restarted(double secondsToReady) {
        restarts++;
        restartToReady.add(secondsToReady);
    }

    public void converged(double seconds) {
        convergence.add(seconds);
    }

    /** A broken invariant (duplicate, loss, regenerated credential, repeated action). */
    public void problem(String problem) {
        problems.add(problem);
    }

    public List<String> problems() {
        return problems;
    }

    public int kills() {
        return kills.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many problems mention {@code kind}. */
    private long count(String kind) {
        return problems.stream().filter(p -> p.contains(kind)).count();
    }

    /** The figures so far, the duration since this was made. */
    public Map<String, Object> asMap() {
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seed", seed);
        figures.put("kills", kills());
        for (KillPhase phase : KillPhase.values()) {
            figures.put(
                    "kills." + phase.name().toLowerCase(Locale.ROOT), kills.getOrDefault(phase, 0));
        }
        figures.put(
                "kills.after_phase_finished",
                afterPhaseDone.values().stream().mapToInt(Integer::intValue).sum());
        figures.put("restarts", restarts);
        figures.put("restart_to_ready_s.median", median(restartToReady));
        figures.put("restart_to_ready_s.max", max(restartToReady));
        figures.put("convergence_after_restart_s.median", median(convergence));
        figures.put("convergence_after_restart_s.max", max(convergence));
        figures.put("objects_duplicated", count("unexpected object"));
        figures.put(
                "objects_lost_or_replaced",
                count(" lost") + count(" replaced") + count("missing object"));
        figures.put("credentials_regenerated", count("credential"));
        figures.put("repeated_rollbacks", count("rollback"));
        figures.put("repeated_rotations", count("rotation"));
        figures.put("replication_slot_problems", count("slot"));
        figures.put("problems", problems.size());
        figures.put("duration_s", String.format(Locale.ROOT, "%.1f", seconds));
        return figures;
    }

    private static String median(List<Double> values) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%.1f", sorted.get(sorted.size() / 2));
    }

    private static String max(List<Double> values) {
        return values.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", Collections.max(values));
    }
}
