package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.CanaryStatus;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.api.v1alpha1.RolloutStatus;
import dev.vigil.engine.DatabaseCommandException;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.Reason;
import dev.vigil.status.StatusEvent;
import dev.vigil.testing.MutableClock;
import dev.vigil.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The switchover's decisions, against a fake {@link PostgresClient} that records the calls and a
 * clock that each read of the target's replay position moves.
 */
class PostgresSwitchoverTest {

    private static final DatabaseCredentials SUPERUSER = new DatabaseCredentials("postgres", "pw");
    private static final List<String> MEMBERS = List.of("db-0:5432", "db-1:5432", "db-2:5432");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakePostgres postgres = new FakePostgres();
    private final List<Integer> redirected = new ArrayList<>();
    private final PostgresSwitchover switchover =
            new PostgresSwitchover(postgres, clock, duration -> clock.advance(duration));

    private static MonitoredDatabase database(List<String> handOverTo) {
        MonitoredDatabase db =
                TestDatabases.parse(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: db, namespace: ns, uid: u-1}
                        spec: {engine: PostgreSQL, version: "16.4", replicas: 3}
                        """);
        CanaryStatus canary = new CanaryStatus();
        canary.setHandOverTo(handOverTo);
        RolloutStatus rollout = new RolloutStatus();
        rollout.setCanary(canary);
        MonitoredDatabaseStatus status = new MonitoredDatabaseStatus();
        status.setRollout(rollout);
        db.setStatus(status);
        return db;
    }

    /** db-0 the primary; db-1 and db-2 streaming through their slots with these lags. */
    private static Map<Integer, PostgresMemberObservation> seen(
            Optional<Duration> lag1, Optional<Duration> lag2, boolean streaming2) {
        Map<Integer, PostgresMemberObservation> seen = new TreeMap<>();
        seen.put(
                0,
                PostgresMemberObservation.ofPrimary(
                        MEMBERS.get(0),
                        "16.4",
                        16,
                        new PostgresPrimaryState(
                                new Lsn(1000),
                                List.of(
                                        sender("db-1", "vigil_1", "streaming", lag1),
                                        sender(
                                                "db-2",
                                                "vigil_2",
                                                streaming2 ? "streaming" : "catchup",
                                                lag2)),
                                List.of())));
        seen.put(1, standby(1));
        seen.put(2, standby(2));
        return seen;
    }

    private static StreamingStandby sender(
            String name, String slot, String state, Optional<Duration> lag) {
        return new StreamingStandby(
                name, Optional.empty(), state, Optional.of(new Lsn(900)), lag, Optional.of(slot));
    }

    private static PostgresMemberObservation standby(int ordinal) {
        return PostgresMemberObservation.ofStandby(
                MEMBERS.get(ordinal),
                "16.4",
                16,
                new PostgresStandbyState(
                        Optional.of(new Lsn(900)),
                        Optional.of(new Lsn(900)),
                        Optional.of(Duration.ZERO),
                        Optional.of("streaming"),
                        Optional.of("vigil_" + ordinal)));
    }

    private Optional<PostgresSwitchover.HandOver> run(
            List<String> handOverTo, Map<Integer, PostgresMemberObservation> seen) {
        return switchover.run(database(handOverTo), 0, seen, MEMBERS, SUPERUSER, redirected::add);
    }

    private static Map<Integer, PostgresMemberObservation> allStreaming() {
        return seen(Optional.of(Duration.ofMillis(5)), Optional.empty(), true);
    }

    @Test
    void nothingIsAskedWithoutHandOverToOrWhenThePrimaryIsAlreadyNamed() {
        assertThat(run(List.of(), allStreaming())).isEmpty();
        assertThat(run(List.of("db-0", "db-2"), allStreaming())).isEmpty();
        MonitoredDatabase noStatus = database(List.of());
        noStatus.setStatus(null);
        assertThat(switchover.run(noStatus, 0, allStreaming(), MEMBERS, SUPERUSER, redirected::add))
                .isEmpty();
        assertThat(postgres.calls).isEmpty();
    }

    @Test
    void fencesWaitsForTheLeastLaggingNamedStandbyAndPromotesIt() {
        postgres.checkpoint = new Lsn(5000);
        postgres.replayed.put("db-2:5432", new ArrayList<>(List.of(4000L, 4500L, 5000L)));

        PostgresSwitchover.HandOver done = run(List.of("db-1", "db-2"), allStreaming()).get();

        // db-2 reports no lag (idle and caught up), db-1 5 ms: db-2 is the target.
        assertThat(done.promoted()).hasValue(2);
        assertThat(redirected)
                .as("writes go to db-2 before the others are cut off")
                .containsExactly(2);
        assertThat(postgres.calls)
                .containsExactly(
                        "fence db-0:5432",
                        "checkpoint db-0:5432",
                        "replay db-2:5432",
                        "replay db-2:5432",
                        "replay db-2:5432",
                        "isolate db-2 db-0:5432",
                        "replay db-2:5432",
                        "written db-0:5432",
                        "promote db-2:5432");
        assertThat(done.health().reason()).isEqualTo(Reason.SWITCHED_OVER);
        assertThat(done.events())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.reason())
                                    .isEqualTo(PostgresClusterStep.EVENT_SWITCHED_OVER);
                            assertThat(e.message())
                                    .contains("from db-0 to db-2")
                                    .contains("fenced for 200 ms")
                                    .contains("3 client sessions ended");
                        });
    }

    @Test
    void waitsWhileNoNamedStandbyStreamsAndTouchesNothing() {
        PostgresSwitchover.HandOver waiting =
                run(List.of("db-2"), seen(Optional.empty(), Optional.empty(), false)).get();

        assertThat(waiting.promoted()).isEmpty();
        assertThat(waiting.health().state()).isEqualTo(DatabaseHealth.State.CONVERGING);
        assertThat(waiting.health().reason()).isEqualTo(Reason.SWITCHOVER_PENDING);
        assertThat(waiting.health().message())
                .contains("db-0")
                .contains("[db-2]")
                .contains("stream");
        assertThat(postgres.calls).isEmpty();
    }

    @Test
    void aTargetThatDoesNotCatchUpInTimeLiftsTheFenceAndNothingIsPromoted() {
        postgres.checkpoint = new Lsn(5000);
        postgres.replayed.put("db-1:5432", new ArrayList<>(List.of(4000L)));

        PostgresSwitchover.HandOver late = run(List.of("db-1"), allStreaming()).get();

        assertThat(late.promoted()).isEmpty();
        assertThat(late.health().reason()).isEqualTo(Reason.SWITCHOVER_PENDING);
        assertThat(late.health().message()).contains("within 15s").contains("takes writes again");
        assertThat(postgres.calls)
                .contains("unfence db-0:5432")
                .doesNotContain("promote db-1:5432");
        assertThat(postgres.calls.stream().filter(c -> c.startsWith("replay")).count())
                .as("polled every 100 ms of the clock for 15 s")
                .isBetween(150L, 152L);
    }

    @Test
    void aFailedCheckpointLiftsTheFenceAndIsReportedFailing() {
        postgres.failOn = Set.of("checkpoint");

        PostgresSwitchover.HandOver failed = run(List.of("db-1"), allStreaming()).get();

        assertThat(failed.promoted()).isEmpty();
        assertThat(failed.health().state()).isEqualTo(DatabaseHealth.State.FAILING);
        assertThat(failed.health().reason()).isEqualTo(Reason.SWITCHOVER_FAILED);
        assertThat(failed.health().message())
                .contains("before the promotion")
                .contains("checkpoint refused")
                .contains("db-0 takes writes again");
        assertThat(postgres.calls)
                .containsExactly("fence db-0:5432", "checkpoint db-0:5432", "unfence db-0:5432");
    }

    @Test
    void walTheFencedPrimaryWritesLastIsReplayedBeforeThePromotion() {
        postgres.checkpoint = new Lsn(5000);
        postgres.written = new ArrayList<>(List.of(5100L, 5100L));
        postgres.replayed.put("db-2:5432", new ArrayList<>(List.of(5000L, 5000L, 5100L)));

        PostgresSwitchover.HandOver done = run(List.of("db-2"), allStreaming()).get();

        assertThat(done.promoted()).hasValue(2);
        assertThat(postgres.calls)
                .containsSubsequence(
                        "isolate db-2 db-0:5432",
                        "written db-0:5432",
                        "replay db-2:5432",
                        "written db-0:5432",
                        "promote db-2:5432");
        assertThat(done.events().get(0).message()).contains("replayed up to 0/13EC");
    }

    @Test
    void aFailedPromotionKeepsTheFenceUp() {
        postgres.failOn = Set.of("promote");
        postgres.replayed.put("db-1:5432", new ArrayList<>(List.of(1000L)));

        PostgresSwitchover.HandOver failed = run(List.of("db-1"), allStreaming()).get();

        assertThat(failed.promoted()).isEmpty();
        assertThat(failed.health().reason()).isEqualTo(Reason.SWITCHOVER_FAILED);
        assertThat(failed.health().message()).contains("db-0 stays read-only");
        assertThat(postgres.calls).doesNotContain("unfence db-0:5432");
    }

    @Test
    void aNamedMemberThatAlreadyAnswersAsPrimaryIsTakenAsTheNewPrimary() {
        Map<Integer, PostgresMemberObservation> seen = allStreaming();
        seen.put(
                1,
                PostgresMemberObservation.ofPrimary(
                        MEMBERS.get(1),
                        "16.4",
                        16,
                        new PostgresPrimaryState(new Lsn(6000), List.of(), List.of())));

        PostgresSwitchover.HandOver adopted = run(List.of("db-1"), seen).get();

        assertThat(adopted.promoted()).hasValue(1);
        assertThat(adopted.events())
                .extracting(StatusEvent::reason)
                .containsExactly("SwitchedOver");
        assertThat(postgres.calls).isEmpty();
    }

    /** Records calls, and answers replay positions from a list (the last one repeats). */
    private final class FakePostgres implements PostgresClient {
        final List<String> calls = new ArrayList<>();
        final Map<String, List<Long>> replayed = new java.util.HashMap<>();
        Lsn checkpoint = new Lsn(1000);
        List<Long> written = new ArrayList<>();
        Set<String> failOn = Set.of();

        private void call(String what, String member) throws DatabaseException {
            calls.add(what + " " + member);
            if (failOn.contains(what)) {
                throw new DatabaseCommandException(what + " refused on " + member);
            }
        }

        @Override
        public int fenceWrites(String primary, DatabaseCredentials superuser)
                throws DatabaseException {
            call("fence", primary);
            return 3;
        }

        @Override
        public void unfenceWrites(String primary, DatabaseCredentials superuser)
                throws DatabaseException {
            call("unfence", primary);
        }

        @Override
        public Lsn checkpointLsn(String primary, DatabaseCredentials superuser)
                throws DatabaseException {
            call("checkpoint", primary);
            return checkpoint;
        }

        @Override
        public Lsn isolateStandby(String primary, DatabaseCredentials superuser, String keep)
                throws DatabaseException {
            call("isolate " + keep, primary);
            return checkpoint;
        }

        @Override
        public Lsn writtenLsn(String primary, DatabaseCredentials superuser)
                throws DatabaseException {
            call("written", primary);
            if (written.isEmpty()) {
                return checkpoint;
            }
            return new Lsn(written.size() > 1 ? written.remove(0) : written.get(0));
        }

        @Override
        public Lsn replayLsn(String standby, DatabaseCredentials superuser)
                throws DatabaseException {
            call("replay", standby);
            List<Long> positions = replayed.getOrDefault(standby, new ArrayList<>(List.of(0L)));
            long position = positions.size() > 1 ? positions.remove(0) : positions.get(0);
            return new Lsn(position);
        }

        @Override
        public void promote(String member, DatabaseCredentials superuser) throws DatabaseException {
            call("promote", member);
        }

        @Override
        public PostgresMemberObservation probe(String member, DatabaseCredentials superuser) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean ensureMonitoringRole(
                String primary, DatabaseCredentials superuser, DatabaseCredentials monitoring) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean ensureReplicationRole(
                String primary, DatabaseCredentials superuser, DatabaseCredentials replication) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void ensureReplicationSlots(
                String primary, DatabaseCredentials superuser, Set<String> slotNames) {
            throw new UnsupportedOperationException();
        }
    }
}
