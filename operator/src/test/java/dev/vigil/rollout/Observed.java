package dev.vigil.rollout;

import dev.vigil.rollout.analysis.Measurement;
import dev.vigil.status.DatabaseHealth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds the {@link GateObservation} of one pass for state-machine tests: a StatefulSet of three
 * members named {@code catalog}, its pods, and what the database, exporter and analyses said.
 */
final class Observed {

    static final int MEMBERS = 3;

    private Optional<StatefulSetObservation> statefulSet = Optional.empty();
    private final List<PodObservation> pods = new ArrayList<>();
    private DatabaseHealth database = DatabaseHealth.notChecked();
    private ExporterReading exporter = ExporterReading.notRead("not read");
    private final Map<String, Measurement> measurements = new HashMap<>();
    private Optional<String> fcv = Optional.empty();
    private OptionalInt primaryOrdinal = OptionalInt.of(0);

    /** Every member ready at {@code revision}, the database healthy, the exporter reporting up. */
    static Observed rolledOut(String revision) {
        Observed observed = new Observed();
        observed.statefulSet =
                Optional.of(
                        new StatefulSetObservation(
                                true,
                                5,
                                Optional.of(5L),
                                MEMBERS,
                                MEMBERS,
                                MEMBERS,
                                Optional.of(revision),
                                Optional.of(revision)));
        for (int i = 0; i < MEMBERS; i++) {
            observed.pods.add(pod("catalog-" + i, revision, true, null, 0));
        }
        observed.database = DatabaseHealth.healthy("replica set rs0 has 3 healthy members");
        observed.exporter = ExporterReading.up("the exporter reaches the database (mongodb_up 1)");
        return observed;
    }

    /**
     * The controller rolls {@code to} out over {@code from}: members 0 and 1 still ready at {@code
     * from}, member 2 recreated at {@code to} and not ready; the database not asked.
     */
    static Observed rollingOut(String from, String to) {
        Observed observed = new Observed();
        observed.statefulSet =
                Optional.of(
                        new StatefulSetObservation(
                                true,
                                6,
                                Optional.of(6L),
                                MEMBERS,
                                MEMBERS,
                                MEMBERS - 1,
                                Optional.of(from),
                                Optional.of(to)));
        observed.pods.add(pod("catalog-0", from, true, null, 0));
        observed.pods.add(pod("catalog-1", from, true, null, 0));
        observed.pods.add(pod("catalog-2", to, false, "ContainerCreating", 0));
        return observed;
    }

    /**
     * A canary under way: the StatefulSet's template is at {@code to}, the members from {@code
     * updatedFrom} on run ready pods at {@code to} and the others ready pods at {@code from}; the
     * database is healthy with member 0 its primary.
     */
    static Observed canary(String from, String to, int updatedFrom) {
        Observed observed = new Observed();
        observed.statefulSet =
                Optional.of(
                        new StatefulSetObservation(
                                true,
                                6,
                                Optional.of(6L),
                                MEMBERS,
                                MEMBERS,
                                MEMBERS,
                                Optional.of(updatedFrom == 0 ? to : from),
                                Optional.of(to)));
        for (int i = 0; i < MEMBERS; i++) {
            observed.pods.add(pod("catalog-" + i, i >= updatedFrom ? to : from, true, null, 0));
        }
        observed.database = DatabaseHealth.healthy("replica set rs0 has 3 healthy members");
        observed.exporter = ExporterReading.up("the exporter reaches the database (mongodb_up 1)");
        return observed;
    }

    /** The StatefulSet was just written: its status still describes the template before. */
    static Observed justWritten(String revision) {
        Observed observed = rolledOut(revision);
        StatefulSetObservation s = observed.statefulSet.orElseThrow();
        observed.statefulSet =
                Optional.of(
                        new StatefulSetObservation(
                                false,
                                s.generation(),
                                s.observedGeneration(),
                                s.replicas(),
                                s.desiredReplicas(),
                                s.readyReplicas(),
                                s.currentRevision(),
                                s.updateRevision()));
        return observed;
    }

    static PodObservation pod(
            String name, String revision, boolean ready, String waiting, int restarts) {
        return new PodObservation(
                name,
                Optional.of(revision),
                ready,
                false,
                List.of(
                        new PodObservation.ContainerObservation(
                                "mongod", Optional.ofNullable(waiting), restarts)));
    }

    /** Member 2 at revision {@code revision} waits with {@code reason} after {@code restarts}. */
    Observed member2(String revision, String reason, int restarts) {
        pods.removeIf(p -> p.name().equals("catalog-2"));
        pods.add(pod("catalog-2", revision, false, reason, restarts));
        return this;
    }

    Observed database(DatabaseHealth health) {
        this.database = health;
        return this;
    }

    Observed exporter(ExporterReading reading) {
        this.exporter = reading;
        return this;
    }

    Observed measured(String analysis, double value) {
        measurements.put(analysis, new Measurement.Value(value));
        return this;
    }

    Observed inconclusive(String analysis, String reason) {
        measurements.put(analysis, new Measurement.Inconclusive(reason));
        return this;
    }

    Observed fcv(String version) {
        this.fcv = Optional.of(version);
        return this;
    }

    Observed primary(int ordinal) {
        this.primaryOrdinal = OptionalInt.of(ordinal);
        return this;
    }

    Observed withoutPods() {
        pods.clear();
        return this;
    }

    GateObservation build() {
        return new GateObservation(
                statefulSet, pods, database, exporter, measurements, fcv, primaryOrdinal);
    }
}
