package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.PrimaryHandOver;
import dev.vigil.names.ResourceNames;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.Reason;
import dev.vigil.status.StatusEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the PostgreSQL primary to a member a canary rollout names ({@code
 * status.rollout.canary.handOverTo}), without losing a committed write:
 *
 * <ol>
 *   <li>the target is the named standby streaming from the primary through its slot with the least
 *       replay lag; while none streams, nothing is done;
 *   <li>the primary is fenced ({@link PostgresClient#fenceWrites}): new transactions are read-only
 *       and the other client sessions end, so no write commits after the next step;
 *   <li>{@code CHECKPOINT}, then the primary's WAL position is read, and Vigil waits up to {@link
 *       #CATCH_UP_TIMEOUT} for the target to replay up to it;
 *   <li>the target is promoted; the caller then points the read-write Service, the primary
 *       ConfigMap and {@code status.primary} at it.
 * </ol>
 *
 * A failure before the promotion lifts the fence again and is retried on the next pass. After it,
 * the old primary stays fenced, read-only, until the rollout replaces its pod: its bootstrap then
 * rewinds it from the new primary, whose configuration (without the fence) pg_rewind copies.
 */
final class PostgresSwitchover {

    /** How long the target may take to replay what the fenced primary wrote. */
    static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(15);

    /** How often the target's replay position is read while waiting. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSwitchover.class);

    /** Waits between two reads of the target's replay position; tests move a clock instead. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /**
     * What a switchover asked for did in this pass.
     *
     * @param health how it is going
     * @param promoted the member that is the primary now, when the hand-over is done
     * @param events what deserves an Event
     */
    record HandOver(DatabaseHealth health, OptionalInt promoted, List<StatusEvent> events) {

        static HandOver notYet(DatabaseHealth health) {
            return new HandOver(health, OptionalInt.empty(), List.of());
        }
    }

    private final PostgresClient postgres;
    private final Clock clock;
    private final Pause pause;

    PostgresSwitchover(PostgresClient postgres, Clock clock) {
        this(postgres, clock, duration -> Thread.sleep(duration.toMillis()));
    }

    PostgresSwitchover(PostgresClient postgres, Clock clock, Pause pause) {
        this.postgres = postgres;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * Switches over when the rollout asks for it and the primary is not one of the named pods.
     *
     * @param primary the member that is the primary now
     * @param seen what each answering member reported, by ordinal
     * @param members {@code host:port} of every member, by ordinal
     * @return empty when no hand-over is asked for, or the primary is already a named pod
     */
    Optional<HandOver> run(
            MonitoredDatabase database,
            int primary,
            Map<Integer, PostgresMemberObservation> seen,
            List<String> members,
            DatabaseCredentials superuser,
            WriteRedirect writes) {
        Set<Integer> wanted = PrimaryHandOver.targets(database);
        if (wanted.isEmpty() || wanted.contains(primary)) {
            return Optional.empty();
        }
        List<Integer> named =
                IntStream.range(0, members.size()).filter(wanted::contains).boxed().toList();
        Optional<Integer> already =
                named.stream()
                        .filter(o -> seen.containsKey(o))
                        .filter(o -> seen.get(o).role() == PostgresRole.PRIMARY)
                        .findFirst();
        if (already.isPresent()) {
            // A promotion whose call failed but which finished anyway: it is the primary now.
            return Optional.of(
                    done(database, primary, already.get(), "already answers as primary"));
        }
        String from = ResourceNames.memberPod(database, primary);
        Optional<StreamingStandby> target = target(seen.get(primary), named);
        if (target.isEmpty()) {
            return Optional.of(
                    HandOver.notYet(
                            DatabaseHealth.converging(
                                    Reason.SWITCHOVER_PENDING,
                                    "the rollout asks the primary "
                                            + from
                                            + " to hand over to one of "
                                            + named.stream()
                                                    .map(o -> ResourceNames.memberPod(database, o))
                                                    .toList()
                                            + "; waiting for one of them to stream from it"
                                            + " through its replication slot")));
        }
        int to = ordinalOf(target.get(), named);
        return Optional.of(switchOver(database, primary, to, members, superuser, writes));
    }

    private HandOver switchOver(
            MonitoredDatabase database,
            int primary,
            int target,
            List<String> members,
            DatabaseCredentials superuser,
            WriteRedirect writes) {
        String from = ResourceNames.memberPod(database, primary);
        String to = ResourceNames.memberPod(database, target);
        Instant fencedAt = clock.instant();
        Lsn position;
        int ended;
        try {
            ended = postgres.fenceWrites(members.get(primary), superuser);
            position = postgres.checkpointLsn(members.get(primary), superuser);
            Optional<Lsn> behind = waitForReplay(members.get(target), superuser, position);
            if (behind.isEmpty()) {
                writes.to(target);
                Lsn settled = settle(members.get(primary), members.get(target), to, superuser);
                behind =
                        settled.compareTo(position) > 0
                                ? waitForReplay(members.get(target), superuser, settled)
                                : Optional.empty();
                position = settled.compareTo(position) > 0 ? settled : position;
            }
            if (behind.isPresent()) {
                return HandOver.notYet(
                        DatabaseHealth.converging(
                                Reason.SWITCHOVER_PENDING,
                                to
                                        + " replayed only up to "
                                        + behind.get()
                                        + " of "
                                        + position
                                        + " within "
                                        + CATCH_UP_TIMEOUT.toSeconds()
                                        + "s; "
                                        + unfence(members.get(primary), superuser, from)
                                        + ", and Vigil tries again on its next pass"));
            }
        } catch (DatabaseException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HandOver.notYet(
                    DatabaseHealth.failing(
                            Reason.SWITCHOVER_FAILED,
                            "switching over from "
                                    + from
                                    + " to "
                                    + to
                                    + " failed before the promotion: "
                                    + e.getMessage()
                                    + "; "
                                    + unfence(members.get(primary), superuser, from)
                                    + ", and Vigil tries again on its next pass"));
        }
        try {
            postgres.promote(members.get(target), superuser);
        } catch (DatabaseException e) {
            // It may still finish: the fence stays up rather than risk two writable primaries.
            return HandOver.notYet(
                    DatabaseHealth.failing(
                            Reason.SWITCHOVER_FAILED,
                            "promoting "
                                    + to
                                    + " failed: "
                                    + e.getMessage()
                                    + "; "
                                    + from
                                    + " stays read-only, and Vigil tries again on its next pass"));
        }
        Duration fenced = Duration.between(fencedAt, clock.instant());
        LOG.info(
                "Switched the PostgreSQL primary of {}/{} over from {} to {} at {}; writes fenced"
                        + " for {} ms",
                database.getMetadata().getNamespace(),
                database.getMetadata().getName(),
                from,
                to,
                position,
                fenced.toMillis());
        return done(
                database,
                primary,
                target,
                "replayed up to "
                        + position
                        + " and was promoted; writes were fenced for "
                        + fenced.toMillis()
                        + " ms and "
                        + ended
                        + " client sessions ended");
    }

    private static HandOver done(MonitoredDatabase database, int from, int to, String how) {
        String message =
                "switched over from "
                        + ResourceNames.memberPod(database, from)
                        + " to "
                        + ResourceNames.memberPod(database, to)
                        + ": "
                        + ResourceNames.memberPod(database, to)
                        + " "
                        + how;
        return new HandOver(
                DatabaseHealth.converging(Reason.SWITCHED_OVER, message),
                OptionalInt.of(to),
                List.of(StatusEvent.normal(PostgresClusterStep.EVENT_SWITCHED_OVER, message)));
    }

    /**
     * Even fenced, the old primary writes a little WAL (a checkpoint, a snapshot of running
     * transactions). So that the target has all of it, and no other standby has more: ends the
     * other standbys' replication, then reads the written position until the target replayed it and
     * it no longer moves, within the catch-up time.
     *
     * @return the position the target replayed, which nothing was written after
     */
    private Lsn settle(String primary, String target, String targetPod, DatabaseCredentials su)
            throws DatabaseException, InterruptedException {
        Lsn written = postgres.isolateStandby(primary, su, targetPod);
        Instant deadline = clock.instant().plus(CATCH_UP_TIMEOUT);
        while (true) {
            if (waitForReplay(target, su, written).isPresent()) {
                return written;
            }
            Lsn now = postgres.writtenLsn(primary, su);
            if (now.compareTo(written) <= 0 || !clock.instant().isBefore(deadline)) {
                return now;
            }
            written = now;
        }
    }

    /**
     * Reads the target's replay position until it reaches {@code position} or the time is up.
     *
     * @return empty once caught up, else how far it got
     */
    private Optional<Lsn> waitForReplay(String target, DatabaseCredentials superuser, Lsn position)
            throws DatabaseException, InterruptedException {
        Instant deadline = clock.instant().plus(CATCH_UP_TIMEOUT);
        while (true) {
            Lsn replayed = postgres.replayLsn(target, superuser);
            if (replayed.compareTo(position) >= 0) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(deadline)) {
                return Optional.of(replayed);
            }
            pause.pause(POLL_INTERVAL);
        }
    }

    /** Lifts the fence, saying how that went. */
    private String unfence(String primary, DatabaseCredentials superuser, String pod) {
        try {
            postgres.unfenceWrites(primary, superuser);
            return pod + " takes writes again";
        } catch (DatabaseException e) {
            LOG.warn("Could not lift the write fence on {}: {}", primary, e.getMessage());
            return "lifting the write fence on "
                    + pod
                    + " failed too ("
                    + e.getMessage()
                    + "), so it stays read-only";
        }
    }

    /** Among the named members, the standby streaming through its slot with the least lag. */
    private static Optional<StreamingStandby> target(
            PostgresMemberObservation primary, List<Integer> named) {
        return primary.primary().orElseThrow().standbys().stream()
                .filter(StreamingStandby::streaming)
                .filter(s -> ordinalOf(s, named) >= 0)
                .min(
                        Comparator.comparing(
                                        (StreamingStandby s) -> s.replayLag().orElse(Duration.ZERO))
                                .thenComparing(
                                        s -> s.replayLsn().orElse(new Lsn(0)),
                                        Comparator.reverseOrder()));
    }

    /** The named member whose slot {@code standby} streams through, or -1. */
    private static int ordinalOf(StreamingStandby standby, List<Integer> named) {
        return named.stream()
                .filter(
                        o ->
                                standby.slotName()
                                        .filter(ReplicationSlotNames.forMember(o)::equals)
                                        .isPresent())
                .findFirst()
                .orElse(-1);
    }
}
