package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.FailoverPolicy;
import dev.vigil.api.v1alpha1.FailoverRecord;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseAuthenticationException;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.EngineOutcome;
import dev.vigil.engine.EngineStep;
import dev.vigil.engine.LiveStatefulSet;
import dev.vigil.engine.PassContext;
import dev.vigil.engine.PrimaryHandOver;
import dev.vigil.engine.SecretReferences;
import dev.vigil.engine.SecretReferences.Role;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.Reason;
import dev.vigil.status.StatusEvent;
import dev.vigil.validation.SpecDuration;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Keeps a PostgreSQL primary and its streaming standbys as the spec asks: finds the primary, keeps
 * the replication and monitoring roles and one replication slot per standby on it, reports
 * replication, and handles the loss of the primary.
 *
 * <p>When the primary does not answer, Vigil reports {@code Degraded} with reason {@value
 * Reason#PRIMARY_LOST}. With {@code spec.postgres.failover: Manual} (the default) it does nothing
 * more. With {@code Automatic}, once the primary has been silent for {@link #FAILOVER_GRACE}, it
 * promotes the reachable standby that replayed the most WAL, and the read-write Service follows
 * (the caller builds it from {@link Result#primaryOrdinal()}); the other standbys follow the
 * Service to the new primary, and the former primary rejoins as a standby through {@code pg_rewind}
 * when its pod restarts.
 *
 * <p>A member that still answers as a primary beside the designated one (a former primary that came
 * back) gets its pod deleted, since moving the primary changes no pod template; not while a canary
 * rollout runs, which replaces that pod itself. When the rollout asks for the primary to move
 * ({@code status.rollout.canary.handOverTo}), {@link PostgresSwitchover} hands it over.
 */
public final class PostgresClusterStep implements EngineStep {

    /** How long the primary must be silent before an automatic failover. */
    public static final Duration FAILOVER_GRACE = Duration.ofSeconds(30);

    public static final String EVENT_ROLES_READY = "RolesReady";

    /** Warning: the monitoring role had been changed outside Vigil and was set back. */
    public static final String EVENT_MONITORING_ROLE_REPAIRED = "MonitoringRoleRepaired";

    /** Warning: the replication role had been changed outside Vigil and was set back. */
    public static final String EVENT_REPLICATION_ROLE_REPAIRED = "ReplicationRoleRepaired";

    public static final String EVENT_FAILOVER = "FailoverPromoted";
    public static final String EVENT_SWITCHED_OVER = "SwitchedOver";
    public static final String EVENT_FORMER_PRIMARY_RESTARTED = "FormerPrimaryRestarted";

    private final PostgresClient postgres;
    private final Clock clock;
    // database uid -> fingerprints of the role Secrets last applied, so RolesReady is told once
    // per Secret version; and uid -> when the primary was first seen silent.
    private final Map<String, String> rolesApplied = new ConcurrentHashMap<>();
    private final Map<String, Instant> primaryLostSince = new ConcurrentHashMap<>();
    // uid -> the member this operator last promoted, until status.primary names it: a status
    // write that failed must not make a former primary the designated one again.
    private final Map<String, Integer> promoted = new ConcurrentHashMap<>();
    private final PostgresSwitchover switchover;

    public PostgresClusterStep(PostgresClient postgres, Clock clock) {
        this(postgres, clock, new PostgresSwitchover(postgres, clock));
    }

    PostgresClusterStep(PostgresClient postgres, Clock clock, PostgresSwitchover switchover) {
        this.postgres = postgres;
        this.clock = clock;
        this.switchover = switchover;
    }

    /**
     * What the step saw and did.
     *
     * @param health how the cluster is doing
     * @param primaryOrdinal the member that is (or was just made) the primary
     * @param roles the role label each answering member should carry, by ordinal
     * @param failover the promotion made in this pass, if any
     * @param events what deserves an Event
     * @param formerPrimaries members also running as primary whose pods are to be deleted
     */
    record Result(
            DatabaseHealth health,
            int primaryOrdinal,
            Map<Integer, String> roles,
            Optional<FailoverRecord> failover,
            List<StatusEvent> events,
            List<Integer> formerPrimaries) {

        Result(
                DatabaseHealth health,
                int primaryOrdinal,
                Map<Integer, String> roles,
                Optional<FailoverRecord> failover,
                List<StatusEvent> events) {
            this(health, primaryOrdinal, roles, failover, events, List.of());
        }

        static Result notChecked(int primaryOrdinal) {
            return new Result(
                    DatabaseHealth.notChecked(),
                    primaryOrdinal,
                    Map.of(),
                    Optional.empty(),
                    List.of());
        }
    }

    /** The users whose roles Vigil keeps on the primary. */
    record Users(
            DatabaseCredentials superuser,
            Optional<SecretReferences.Versioned> replication,
            Optional<SecretReferences.Versioned> monitoring) {}

    /**
     * Probes the members once the superuser's Secret exists, keeps the roles and slots on the
     * primary, handles a lost primary, and labels the pods with their role; the read-write Service
     * then selects the primary it found.
     */
    @Override
    public EngineOutcome run(PassContext pass) {
        MonitoredDatabase database = pass.defaulted();
        int designated = designated(database);
        SecretReferences secrets = pass.secrets();
        List<String> members = pass.members();
        Result cluster =
                secrets.credentials(Role.ADMIN)
                        .map(
                                superuser ->
                                        run(
                                                database,
                                                pass.statefulSet(),
                                                designated,
                                                members,
                                                ordinal -> redirectWrites(pass, ordinal),
                                                new Users(
                                                        superuser,
                                                        secrets.versioned(Role.REPLICATION),
                                                        secrets.versioned(Role.MONITORING))))
                        .orElseGet(() -> Result.notChecked(designated));
        PodRoleLabels.apply(pass.client(), pass.owned(), database, members.size(), cluster.roles());
        List<StatusEvent> events = new ArrayList<>(cluster.events());
        events.addAll(
                FormerPrimaryPods.restart(
                        pass.client(),
                        pass.owned(),
                        database,
                        cluster.formerPrimaries(),
                        cluster.primaryOrdinal()));
        DatabaseHealth health = cluster.health();
        if (health.state() == DatabaseHealth.State.NOT_CHECKED
                && database.getSpec().getBootstrap() != null) {
            // No member answers yet: say whether the restore runs or failed, and why.
            health = RestoreProgress.of(database, pods(pass)).orElse(health);
        }
        return new EngineOutcome(
                health,
                OptionalInt.empty(),
                OptionalInt.of(cluster.primaryOrdinal()),
                cluster.failover(),
                events);
    }

    /** The designated primary, or the member this operator promoted if the status lags behind. */
    private int designated(MonitoredDatabase database) {
        int fromStatus = designatedPrimary(database);
        String uid = database.getMetadata().getUid();
        Integer mine = promoted.get(uid);
        if (mine == null || mine == fromStatus || mine >= database.getSpec().getReplicas()) {
            promoted.remove(uid);
            return fromStatus;
        }
        return mine;
    }

    private static List<io.fabric8.kubernetes.api.model.Pod> pods(PassContext pass) {
        MonitoredDatabase database = pass.defaulted();
        return pass.client()
                .pods()
                .inNamespace(database.getMetadata().getNamespace())
                .withLabels(StandardLabels.selector(database, StandardLabels.COMPONENT_DATABASE))
                .list()
                .getItems();
    }

    /** The member the status names as primary, or member 0, as at creation. */
    private static int designatedPrimary(MonitoredDatabase database) {
        String primary = database.getStatus() == null ? null : database.getStatus().getPrimary();
        OptionalInt ordinal = ResourceNames.memberOrdinal(database, primary);
        return ordinal.isPresent() && ordinal.getAsInt() < database.getSpec().getReplicas()
                ? ordinal.getAsInt()
                : 0;
    }

    /** Applies the read-write Service selecting member {@code ordinal}. */
    private static void redirectWrites(PassContext pass, int ordinal) {
        Service readWrite = PostgresServicesBuilder.readWriteService(pass.defaulted(), ordinal);
        pass.applier().apply(readWrite, pass.owned().find(readWrite));
    }

    private Result run(
            MonitoredDatabase database,
            Optional<StatefulSet> statefulSet,
            int designatedPrimary,
            List<String> members,
            WriteRedirect writes,
            Users users) {
        int ready = statefulSet.map(LiveStatefulSet::readyReplicas).orElse(0);
        if (ready == 0) {
            return Result.notChecked(designatedPrimary);
        }
        Map<Integer, PostgresMemberObservation> seen = new TreeMap<>();
        for (int ordinal = 0; ordinal < members.size(); ordinal++) {
            try {
                seen.put(ordinal, postgres.probe(members.get(ordinal), users.superuser()));
            } catch (DatabaseAuthenticationException e) {
                return failing(designatedPrimary, Reason.AUTHENTICATION_FAILED, e.getMessage());
            } catch (DatabaseException e) {
                // Not answering is what the rest of the step reasons about.
            }
        }
        Set<Integer> primaries =
                seen.entrySet().stream()
                        .filter(e -> e.getValue().role() == PostgresRole.PRIMARY)
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toCollection(LinkedHashSet::new));
        String uid = database.getMetadata().getUid();
        try {
            if (primaries.isEmpty()) {
                return primaryLost(database, designatedPrimary, members, seen, users.superuser());
            }
            primaryLostSince.remove(uid);
            int primary =
                    primaries.contains(designatedPrimary)
                            ? designatedPrimary
                            : primaries.iterator().next();
            List<StatusEvent> events = new ArrayList<>();
            keepRolesAndSlots(uid, primary, members, users, events);
            boolean restartFormer =
                    primary == designatedPrimary && !PrimaryHandOver.canaryRunning(database);
            Result observed = observe(database, primary, primaries, seen, events, restartFormer);
            return switchover
                    .run(database, primary, seen, members, users.superuser(), writes)
                    .map(handOver -> handedOver(uid, observed, handOver))
                    .orElse(observed);
        } catch (DatabaseAuthenticationException e) {
            return failing(designatedPrimary, Reason.AUTHENTICATION_FAILED, e.getMessage());
        } catch (DatabaseException e) {
            return failing(designatedPrimary, Reason.DATABASE_COMMAND_FAILED, e.getMessage());
        }
    }

    private void keepRolesAndSlots(
            String uid, int primary, List<String> members, Users users, List<StatusEvent> events)
            throws DatabaseException {
        String primaryAddress = members.get(primary);
        String fingerprint =
                users.replication().map(SecretReferences.Versioned::fingerprint).orElse("")
                        + "|"
                        + users.monitoring().map(SecretReferences.Versioned::fingerprint).orElse("")
                        + "|"
                        + primary;
        // The roles are checked on every pass, not only when their Secrets change: a password or
        // privilege changed behind Vigil's back (a DBA's ALTER ROLE, a restored pg_authid) would
        // otherwise stay broken, and the exporter with it. An unchanged role costs one read.
        boolean firstForTheseSecrets = !fingerprint.equals(rolesApplied.get(uid));
        if (users.replication().isPresent()) {
            boolean changed =
                    postgres.ensureReplicationRole(
                            primaryAddress,
                            users.superuser(),
                            users.replication().get().credentials());
            if (changed && !firstForTheseSecrets) {
                events.add(repaired("replication", users.replication().get(), primaryAddress));
            }
        }
        if (users.monitoring().isPresent()) {
            boolean changed =
                    postgres.ensureMonitoringRole(
                            primaryAddress,
                            users.superuser(),
                            users.monitoring().get().credentials());
            if (changed && !firstForTheseSecrets) {
                events.add(repaired("monitoring", users.monitoring().get(), primaryAddress));
            }
        }
        if (firstForTheseSecrets) {
            rolesApplied.put(uid, fingerprint);
            events.add(
                    StatusEvent.normal(
                            EVENT_ROLES_READY,
                            "replication and monitoring roles are in place on " + primaryAddress));
        }
        Set<String> slots = new LinkedHashSet<>();
        for (int ordinal = 0; ordinal < members.size(); ordinal++) {
            if (ordinal != primary) {
                slots.add(ReplicationSlotNames.forMember(ordinal));
            }
        }
        postgres.ensureReplicationSlots(primaryAddress, users.superuser(), slots);
    }

    /** The Warning Event of a role that no longer matched its Secret and was set back. */
    private static StatusEvent repaired(
            String purpose, SecretReferences.Versioned role, String primaryAddress) {
        String event =
                purpose.equals("monitoring")
                        ? EVENT_MONITORING_ROLE_REPAIRED
                        : EVENT_REPLICATION_ROLE_REPAIRED;
        return StatusEvent.warning(
                event,
                "the "
                        + purpose
                        + " role "
                        + role.credentials().username()
                        + " on "
                        + primaryAddress
                        + " no longer matched its Secret (its password, attributes or memberships"
                        + " were changed outside Vigil): set back to the Secret's");
    }

    /** The observed result, changed by what the switchover did. */
    private Result handedOver(String uid, Result observed, PostgresSwitchover.HandOver handOver) {
        List<StatusEvent> events = new ArrayList<>(observed.events());
        events.addAll(handOver.events());
        if (handOver.promoted().isPresent()) {
            int target = handOver.promoted().getAsInt();
            promoted.put(uid, target);
            // As after a failover: the next pass keeps the roles and slots on the new primary.
            rolesApplied.remove(uid);
            return new Result(
                    handOver.health(),
                    target,
                    Map.of(target, StandardLabels.ROLE_PRIMARY),
                    Optional.empty(),
                    events);
        }
        boolean keepObserved =
                observed.health().state() == DatabaseHealth.State.FAILING
                        && handOver.health().state() != DatabaseHealth.State.FAILING;
        return new Result(
                keepObserved ? observed.health() : handOver.health(),
                observed.primaryOrdinal(),
                observed.roles(),
                observed.failover(),
                events,
                observed.formerPrimaries());
    }

    private Result observe(
            MonitoredDatabase database,
            int primary,
            Set<Integer> primaries,
            Map<Integer, PostgresMemberObservation> seen,
            List<StatusEvent> events,
            boolean restartFormer) {
        Map<Integer, String> roles = new TreeMap<>();
        roles.put(primary, StandardLabels.ROLE_PRIMARY);
        List<StreamingStandby> streaming =
                seen.get(primary).primary().orElseThrow().standbys().stream()
                        .filter(StreamingStandby::streaming)
                        .toList();
        Duration maxLag =
                SpecDuration.parse(database.getSpec().getHealthGate().getMaxReplicationLag());
        List<String> notStreaming = new ArrayList<>();
        List<String> lagging = new ArrayList<>();
        int members = database.getSpec().getReplicas();
        for (int ordinal = 0; ordinal < members; ordinal++) {
            if (ordinal == primary) {
                continue;
            }
            String slot = ReplicationSlotNames.forMember(ordinal);
            Optional<StreamingStandby> standby =
                    streaming.stream()
                            .filter(s -> s.slotName().filter(slot::equals).isPresent())
                            .findFirst();
            String pod = ResourceNames.memberPod(database, ordinal);
            if (standby.isEmpty()) {
                notStreaming.add(pod);
                continue;
            }
            roles.put(ordinal, StandardLabels.ROLE_STANDBY);
            if (standby.get().replayLag().filter(lag -> lag.compareTo(maxLag) > 0).isPresent()) {
                lagging.add(pod + " (" + standby.get().replayLag().get().toSeconds() + "s)");
            }
        }
        String primaryPod = ResourceNames.memberPod(database, primary);
        DatabaseHealth health;
        List<Integer> formerPrimaries = primaries.stream().filter(p -> p != primary).toList();
        if (!formerPrimaries.isEmpty()) {
            health =
                    DatabaseHealth.converging(
                            Reason.FORMER_PRIMARY_RUNNING,
                            formerPrimaries.stream()
                                            .map(p -> ResourceNames.memberPod(database, p))
                                            .toList()
                                    + " also run as primary and get no traffic (the read-write"
                                    + " Service selects "
                                    + primaryPod
                                    + "); "
                                    + formerPrimariesFate(database, restartFormer));
        } else if (!notStreaming.isEmpty()) {
            health =
                    DatabaseHealth.converging(
                            Reason.STANDBYS_NOT_STREAMING,
                            "standbys not streaming from " + primaryPod + " yet: " + notStreaming);
        } else if (!lagging.isEmpty()) {
            health =
                    DatabaseHealth.failing(
                            Reason.REPLICATION_LAGGING,
                            "standbys behind by more than "
                                    + database.getSpec().getHealthGate().getMaxReplicationLag()
                                    + ": "
                                    + lagging);
        } else {
            health =
                    DatabaseHealth.healthy(
                            "primary "
                                    + primaryPod
                                    + " with "
                                    + (members - 1)
                                    + " streaming standbys");
        }
        return new Result(
                health,
                primary,
                roles,
                Optional.empty(),
                events,
                restartFormer ? formerPrimaries : List.of());
    }

    private static String formerPrimariesFate(MonitoredDatabase database, boolean restart) {
        if (restart) {
            return "Vigil deletes their pods, and they rejoin as standbys through pg_rewind";
        }
        if (PrimaryHandOver.canaryRunning(database)) {
            return "the canary rollout replaces their pods, and they rejoin as standbys through"
                    + " pg_rewind";
        }
        return "they rejoin as standbys through pg_rewind when their pods restart";
    }

    private Result primaryLost(
            MonitoredDatabase database,
            int designated,
            List<String> members,
            Map<Integer, PostgresMemberObservation> seen,
            DatabaseCredentials superuser)
            throws DatabaseException {
        Instant now = clock.instant();
        String uid = database.getMetadata().getUid();
        Instant since = primaryLostSince.computeIfAbsent(uid, u -> now);
        String lostPod = ResourceNames.memberPod(database, designated);
        String lost = "primary " + lostPod + " does not answer";
        if (database.getSpec().getPostgres().getFailover() != FailoverPolicy.Automatic) {
            return failing(
                    designated,
                    Reason.PRIMARY_LOST,
                    lost
                            + "; spec.postgres.failover is Manual, so Vigil promotes no standby:"
                            + " bring the primary back, or set failover to Automatic");
        }
        Duration silent = Duration.between(since, now);
        if (silent.compareTo(FAILOVER_GRACE) < 0) {
            return failing(
                    designated,
                    Reason.PRIMARY_LOST,
                    lost
                            + "; Vigil promotes the most advanced standby if it is still silent in "
                            + FAILOVER_GRACE.minus(silent).toSeconds()
                            + "s");
        }
        Optional<Map.Entry<Integer, PostgresMemberObservation>> best =
                seen.entrySet().stream()
                        .filter(e -> e.getValue().role() == PostgresRole.STANDBY)
                        .max(Comparator.comparing(e -> replayed(e.getValue())));
        if (best.isEmpty()) {
            return failing(
                    designated, Reason.PRIMARY_LOST, lost + " and no standby answers to promote");
        }
        int chosen = best.get().getKey();
        postgres.promote(members.get(chosen), superuser);
        promoted.put(uid, chosen);
        primaryLostSince.remove(uid);
        rolesApplied.remove(uid);
        String chosenPod = ResourceNames.memberPod(database, chosen);
        FailoverRecord record = new FailoverRecord();
        record.setAt(new ConditionFactory(clock).now());
        record.setFrom(lostPod);
        record.setTo(chosenPod);
        record.setReason(
                lost
                        + " for "
                        + silent.toSeconds()
                        + "s; promoted the standby that replayed the most WAL (up to "
                        + replayed(best.get().getValue())
                        + ")");
        return new Result(
                DatabaseHealth.converging(
                        Reason.FAILOVER_IN_PROGRESS,
                        "promoted " + chosenPod + " after " + lostPod + " was lost"),
                chosen,
                Map.of(chosen, StandardLabels.ROLE_PRIMARY),
                Optional.of(record),
                List.of(StatusEvent.warning(EVENT_FAILOVER, record.getReason())));
    }

    private static Lsn replayed(PostgresMemberObservation observation) {
        return observation
                .standby()
                .flatMap(s -> s.replayLsn().or(s::receiveLsn))
                .orElse(new Lsn(0));
    }

    private static Result failing(int primary, String reason, String message) {
        return new Result(
                DatabaseHealth.failing(reason, message),
                primary,
                Map.of(),
                Optional.empty(),
                List.of());
    }
}
