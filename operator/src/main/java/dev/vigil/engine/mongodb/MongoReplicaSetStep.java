package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseAuthenticationException;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.DatabaseUnreachableException;
import dev.vigil.engine.EngineOutcome;
import dev.vigil.engine.EngineStep;
import dev.vigil.engine.LiveStatefulSet;
import dev.vigil.engine.PassContext;
import dev.vigil.engine.PrimaryHandOver;
import dev.vigil.engine.SecretReferences;
import dev.vigil.engine.SecretReferences.Role;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.Reason;
import dev.vigil.status.StatusEvent;
import dev.vigil.validation.SpecDuration;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Brings a MongoDB replica set to the members the spec asks for, one step per pass, and keeps the
 * exporter's monitoring user in place.
 *
 * <p>A converged set whose members lag the primary by more than {@code
 * healthGate.maxReplicationLag} is failing ({@value Reason#REPLICATION_LAGGING}), as PostgreSQL's
 * standbys are.
 *
 * <p>Members join only once their pods are ready. Members leave the replica-set configuration
 * before their pods go: while {@link Result#membershipMatchesSpec()} is false during a scale-down,
 * the caller holds the StatefulSet at its current size, so a majority is never lost to pods that
 * vanished while still voting.
 */
public final class MongoReplicaSetStep implements EngineStep {

    public static final String EVENT_INITIATED = "ReplicaSetInitiated";
    public static final String EVENT_MEMBER_ADDED = "MemberAdded";
    public static final String EVENT_MEMBER_REMOVED = "MemberRemoved";
    public static final String EVENT_PRIMARY_STEPPED_DOWN = "PrimarySteppedDown";
    public static final String EVENT_MONITORING_USER = "MonitoringUserReady";

    private final MongoReplicaSetClient mongo;
    // database uid -> fingerprint of the monitoring Secret last applied to the database, so the
    // user is written once per Secret version, not on every pass.
    private final Map<String, String> monitoringUserApplied = new ConcurrentHashMap<>();

    private final MongoBootstrapRestore bootstrap;

    public MongoReplicaSetStep(MongoReplicaSetClient mongo) {
        this.mongo = mongo;
        this.bootstrap = new MongoBootstrapRestore(mongo, Clock.systemUTC());
    }

    /**
     * What the step saw and did.
     *
     * @param health how the replica set is doing
     * @param membershipMatchesSpec the configuration holds exactly the members of the spec
     * @param events what deserves an Event
     * @param primaryOrdinal the member that is the primary, when the set is healthy
     */
    record Result(
            DatabaseHealth health,
            boolean membershipMatchesSpec,
            List<StatusEvent> events,
            OptionalInt primaryOrdinal) {

        Result(DatabaseHealth health, boolean membershipMatchesSpec, List<StatusEvent> events) {
            this(health, membershipMatchesSpec, events, OptionalInt.empty());
        }
    }

    /**
     * Converges the replica set once the admin Secret exists, and holds the StatefulSet at its size
     * while members that must leave are still in the configuration.
     */
    @Override
    public EngineOutcome run(PassContext pass) {
        MonitoredDatabase database = pass.defaulted();
        Optional<StatefulSet> statefulSet = pass.statefulSet();
        Result replicaSet =
                pass.secrets()
                        .credentials(Role.ADMIN)
                        .map(
                                admin ->
                                        converge(
                                                database,
                                                statefulSet,
                                                pass.members(),
                                                admin,
                                                pass.secrets().versioned(Role.MONITORING)))
                        .orElseGet(() -> new Result(DatabaseHealth.notChecked(), false, List.of()));
        int currentReplicas = statefulSet.map(s -> s.getSpec().getReplicas()).orElse(0);
        boolean scalingDown = database.getSpec().getReplicas() < currentReplicas;
        // Members leave the replica set before their pods go.
        OptionalInt hold =
                scalingDown && !replicaSet.membershipMatchesSpec()
                        ? OptionalInt.of(currentReplicas)
                        : OptionalInt.empty();
        if (replicaSet.health().state() != DatabaseHealth.State.HEALTHY) {
            return new EngineOutcome(
                    replicaSet.health(),
                    hold,
                    replicaSet.primaryOrdinal(),
                    Optional.empty(),
                    replicaSet.events());
        }
        // A healthy set has a primary: spec.bootstrap restores into it before it may be Ready.
        MongoBootstrapRestore.Progress restore =
                bootstrap.advance(
                        pass, pass.members(), pass.secrets().credentials(Role.ADMIN).orElseThrow());
        List<StatusEvent> events = new ArrayList<>(replicaSet.events());
        events.addAll(restore.events());
        return new EngineOutcome(
                restore.health().orElse(replicaSet.health()),
                hold,
                replicaSet.primaryOrdinal(),
                Optional.empty(),
                events,
                restore.restored());
    }

    /** The featureCompatibilityVersion in effect, read on the primary. */
    @Override
    public Optional<String> readDataCompatibility(List<String> members, DatabaseCredentials admin)
            throws DatabaseException {
        return Optional.of(mongo.featureCompatibilityVersion(members, admin).effective());
    }

    /** Sets the featureCompatibilityVersion on the primary. */
    @Override
    public void raiseDataCompatibility(
            List<String> members, DatabaseCredentials admin, String version)
            throws DatabaseException {
        mongo.setFeatureCompatibilityVersion(members, admin, version);
    }

    private Result converge(
            MonitoredDatabase database,
            Optional<StatefulSet> statefulSet,
            List<String> desiredMembers,
            DatabaseCredentials admin,
            Optional<SecretReferences.Versioned> monitoringUser) {
        int wanted = desiredMembers.size();
        int ready = statefulSet.map(LiveStatefulSet::readyReplicas).orElse(0);
        if (statefulSet.isEmpty() || ready < wanted) {
            return new Result(DatabaseHealth.notChecked(), false, List.of());
        }
        String uid = database.getMetadata().getUid();
        String replicaSetName = database.getSpec().getMongodb().getReplicaSetName();
        List<StatusEvent> events = new ArrayList<>();
        try {
            ReplicaSetObservation observed = mongo.converge(replicaSetName, desiredMembers, admin);
            actionEvent(observed, replicaSetName).ifPresent(events::add);
            if (observed.action() == ReplicaSetObservation.Action.INITIATED) {
                monitoringUserApplied.remove(uid);
            }
            boolean membershipMatches = observed.configuredMembers().equals(desiredMembers);
            if (!observed.converged(desiredMembers)) {
                return new Result(health(observed, replicaSetName), membershipMatches, events);
            }
            if (monitoringUser.isPresent()) {
                ensureMonitoringUser(uid, desiredMembers, admin, monitoringUser.get(), events);
            }
            String maxLag = database.getSpec().getHealthGate().getMaxReplicationLag();
            List<ReplicaSetObservation.MemberState> lagging =
                    observed.members().stream()
                            .filter(m -> m.lagSeconds() > SpecDuration.parse(maxLag).toSeconds())
                            .toList();
            if (!lagging.isEmpty()) {
                return new Result(
                        DatabaseHealth.failing(
                                Reason.REPLICATION_LAGGING,
                                "members behind the primary by more than "
                                        + maxLag
                                        + ": "
                                        + lagging.stream()
                                                .map(m -> m.host() + " (" + m.lagSeconds() + "s)")
                                                .collect(Collectors.joining(", "))),
                        true,
                        events);
            }
            String primary = observed.primary().orElseThrow();
            int primaryOrdinal = desiredMembers.indexOf(primary);
            Set<Integer> handOverTo = PrimaryHandOver.targets(database);
            if (!handOverTo.isEmpty() && !handOverTo.contains(primaryOrdinal)) {
                return handOver(replicaSetName, desiredMembers, admin, primary, events);
            }
            return new Result(
                    DatabaseHealth.healthy(
                            "replica set "
                                    + replicaSetName
                                    + " has primary "
                                    + primary
                                    + " and "
                                    + wanted
                                    + " healthy members"),
                    true,
                    events,
                    primaryOrdinal < 0 ? OptionalInt.empty() : OptionalInt.of(primaryOrdinal));
        } catch (DatabaseAuthenticationException e) {
            return failing(Reason.AUTHENTICATION_FAILED, e, events);
        } catch (DatabaseUnreachableException e) {
            return failing(Reason.DATABASE_UNREACHABLE, e, events);
        } catch (DatabaseException e) {
            return failing(Reason.DATABASE_COMMAND_FAILED, e, events);
        }
    }

    /**
     * A canary rollout is about to replace the primary's pod: the primary steps down first, and the
     * set elects a caught-up member; the rollout asks again until the primary is one it may keep.
     */
    private Result handOver(
            String replicaSetName,
            List<String> members,
            DatabaseCredentials admin,
            String primary,
            List<StatusEvent> events)
            throws DatabaseException {
        Optional<String> elected = mongo.stepDownPrimary(replicaSetName, members, admin);
        String now = elected.map(p -> "the primary is now " + p).orElse("an election is under way");
        events.add(
                StatusEvent.normal(
                        EVENT_PRIMARY_STEPPED_DOWN,
                        "primary "
                                + primary
                                + " of replica set "
                                + replicaSetName
                                + " stepped down before the canary rollout replaces its pod; "
                                + now));
        OptionalInt electedOrdinal =
                elected.map(members::indexOf)
                        .filter(i -> i >= 0)
                        .map(OptionalInt::of)
                        .orElse(OptionalInt.empty());
        return new Result(
                DatabaseHealth.converging(
                        Reason.PRIMARY_HANDING_OVER,
                        "primary " + primary + " stepped down for the canary rollout; " + now),
                true,
                events,
                electedOrdinal);
    }

    private void ensureMonitoringUser(
            String uid,
            List<String> members,
            DatabaseCredentials admin,
            SecretReferences.Versioned user,
            List<StatusEvent> events)
            throws DatabaseException {
        if (user.fingerprint().equals(monitoringUserApplied.get(uid))) {
            return;
        }
        mongo.ensureMonitoringUser(members, admin, user.credentials());
        monitoringUserApplied.put(uid, user.fingerprint());
        events.add(
                StatusEvent.normal(
                        EVENT_MONITORING_USER,
                        "monitoring user "
                                + user.credentials().username()
                                + " has roles clusterMonitor and read on local"));
    }

    private static DatabaseHealth health(ReplicaSetObservation observed, String replicaSetName) {
        if (!observed.initiated() || observed.primary().isEmpty()) {
            return DatabaseHealth.converging(
                    Reason.REPLICA_SET_INITIALIZING,
                    "replica set " + replicaSetName + " has no primary yet");
        }
        List<ReplicaSetObservation.MemberState> sick =
                observed.members().stream().filter(m -> !m.healthy()).toList();
        if (!sick.isEmpty()) {
            return DatabaseHealth.failing(
                    Reason.MEMBERS_NOT_HEALTHY, "members not healthy: " + describe(sick));
        }
        if (observed.action() != ReplicaSetObservation.Action.NONE
                || observed.members().size() != observed.configuredMembers().size()) {
            return DatabaseHealth.converging(
                    Reason.MEMBERS_CHANGING,
                    "replica set " + replicaSetName + " members: " + observed.configuredMembers());
        }
        return DatabaseHealth.converging(
                Reason.MEMBERS_CHANGING, "members syncing: " + describe(observed.members()));
    }

    private static String describe(List<ReplicaSetObservation.MemberState> members) {
        return members.stream()
                .map(m -> m.host() + " " + m.state())
                .collect(Collectors.joining(", "));
    }

    private static Optional<StatusEvent> actionEvent(
            ReplicaSetObservation observed, String replicaSetName) {
        return switch (observed.action()) {
            case NONE -> Optional.empty();
            case INITIATED ->
                    Optional.of(
                            StatusEvent.normal(
                                    EVENT_INITIATED,
                                    "initiated replica set "
                                            + replicaSetName
                                            + " with members "
                                            + observed.configuredMembers()));
            case MEMBER_ADDED ->
                    Optional.of(
                            StatusEvent.normal(
                                    EVENT_MEMBER_ADDED,
                                    "members are now " + observed.configuredMembers()));
            case MEMBER_REMOVED ->
                    Optional.of(
                            StatusEvent.normal(
                                    EVENT_MEMBER_REMOVED,
                                    "members are now " + observed.configuredMembers()));
            case PRIMARY_STEPPED_DOWN ->
                    Optional.of(
                            StatusEvent.normal(
                                    EVENT_PRIMARY_STEPPED_DOWN,
                                    "the primary of replica set "
                                            + replicaSetName
                                            + " stepped down so it can be removed; "
                                            + observed.primary()
                                                    .map(p -> "the primary is now " + p)
                                                    .orElse("a new primary is being elected")));
        };
    }

    private static Result failing(String reason, DatabaseException e, List<StatusEvent> events) {
        return new Result(DatabaseHealth.failing(reason, e.getMessage()), false, events);
    }
}
