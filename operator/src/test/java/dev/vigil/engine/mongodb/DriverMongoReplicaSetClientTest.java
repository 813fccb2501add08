package dev.vigil.engine.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.DatabaseAuthenticationException;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseUnreachableException;
import dev.vigil.engine.mongodb.ReplicaSetObservation.Action;
import dev.vigil.engine.mongodb.ReplicaSetObservation.MemberState;
import dev.vigil.names.DatabaseAddressResolver;
import dev.vigil.testing.mongo.MongoMemberState;
import dev.vigil.testing.mongo.MongoReplicaSetDouble;
import dev.vigil.testing.mongo.UserSnapshot;
import dev.vigil.testing.mongo.UserSnapshot.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DriverMongoReplicaSetClientTest {

    private static final String SET = "rs0";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
    private static final DatabaseCredentials ADMIN =
            new DatabaseCredentials("root", "s3cret-Admin-pw");

    private MongoReplicaSetDouble replicaSet;

    @AfterEach
    void stopDouble() {
        if (replicaSet != null) {
            replicaSet.close();
        }
    }

    private static List<String> members(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "catalog-" + i + ".catalog-hl.shop.svc.cluster.local:27017")
                .toList();
    }

    private MongoReplicaSetDouble start(int members) {
        replicaSet = MongoReplicaSetDouble.builder().members(members(members)).admin(ADMIN).start();
        return replicaSet;
    }

    private DriverMongoReplicaSetClient client(Duration timeout) {
        return new DriverMongoReplicaSetClient(replicaSet.resolver(), timeout);
    }

    private DriverMongoReplicaSetClient client() {
        return client(TIMEOUT);
    }

    @Test
    void initiatesANewSetThroughTheFirstMemberWithAllMembersInOrder() throws Exception {
        start(3);
        List<String> desired = members(3);

        ReplicaSetObservation seen = client().converge(SET, desired, ADMIN);

        assertThat(seen.action()).isEqualTo(Action.INITIATED);
        assertThat(seen.initiated()).isTrue();
        assertThat(seen.configuredMembers()).isEqualTo(desired);
        assertThat(seen.primary()).contains(desired.get(0));
        assertThat(seen.converged(desired)).isTrue();
        assertThat(replicaSet.config().orElseThrow().hosts()).isEqualTo(desired);
        assertThat(replicaSet.commandCount(desired.get(0), "replSetInitiate")).isEqualTo(1);
        assertThat(replicaSet.commandCount("replSetInitiate")).isEqualTo(1);
    }

    @Test
    void callingAgainOnAConvergedSetChangesNothing() throws Exception {
        start(3);
        List<String> desired = members(3);
        client().converge(SET, desired, ADMIN);
        int version = replicaSet.config().orElseThrow().version();
        replicaSet.resetCommandCounts();

        ReplicaSetObservation seen = client().converge(SET, desired, ADMIN);

        assertThat(seen.action()).isEqualTo(Action.NONE);
        assertThat(seen.converged(desired)).isTrue();
        assertThat(replicaSet.commandCount("replSetInitiate")).isZero();
        assertThat(replicaSet.commandCount("replSetReconfig")).isZero();
        assertThat(replicaSet.config().orElseThrow().version()).isEqualTo(version);
    }

    @Test
    void doesNotInitiateASetSomeoneElseInitiated() throws Exception {
        start(3);
        replicaSet.initiate();

        ReplicaSetObservation seen = client().converge(SET, members(3), ADMIN);

        assertThat(seen.action()).isEqualTo(Action.NONE);
        assertThat(seen.configuredMembers()).isEqualTo(members(3));
        assertThat(replicaSet.commandCount("replSetInitiate")).isZero();
        assertThat(replicaSet.commandCount("replSetReconfig")).isZero();
    }

    @Test
    void scalesUpOneMemberPerCall() throws Exception {
        start(5);
        replicaSet.initiate(members(3));
        List<String> desired = members(5);

        ReplicaSetObservation first = client().converge(SET, desired, ADMIN);

        assertThat(first.action()).isEqualTo(Action.MEMBER_ADDED);
        assertThat(first.configuredMembers()).isEqualTo(members(4));
        assertThat(first.converged(desired)).isFalse();
        assertThat(replicaSet.config().orElseThrow().version()).isEqualTo(2);

        ReplicaSetObservation second = client().converge(SET, desired, ADMIN);

        assertThat(second.action()).isEqualTo(Action.MEMBER_ADDED);
        assertThat(second.configuredMembers()).isEqualTo(desired);
        assertThat(second.converged(desired)).isTrue();
        assertThat(replicaSet.config().orElseThrow().members())
                .extracting(m -> m.id())
                .containsExactly(0, 1, 2, 3, 4);
        assertThat(replicaSet.commandCount("replSetReconfig")).isEqualTo(2);

        ReplicaSetObservation third = client().converge(SET, desired, ADMIN);

        assertThat(third.action()).isEqualTo(Action.NONE);
        assertThat(replicaSet.commandCount("replSetReconfig")).isEqualTo(2);
    }

    @Test
    void scalesDownByRemovingTheHighestMemberFirst() throws Exception {
        start(5);
        replicaSet.initiate();
        List<String> desired = members(3);

        ReplicaSetObservation first = client().converge(SET, desired, ADMIN);

        assertThat(first.action()).isEqualTo(Action.MEMBER_REMOVED);
        assertThat(replicaSet.config().orElseThrow().hosts()).isEqualTo(members(4));

        ReplicaSetObservation second = client().converge(SET, desired, ADMIN);

        assertThat(second.action()).isEqualTo(Action.MEMBER_REMOVED);
        assertThat(second.configuredMembers()).isEqualTo(desired);
        assertThat(second.converged(desired)).isTrue();

        assertThat(client().converge(SET, desired, ADMIN).action()).isEqualTo(Action.NONE);
        assertThat(replicaSet.commandCount("replSetReconfig")).isEqualTo(2);
    }

    @Test
    void scaleDownWhenTheMemberToRemoveIsPrimaryStepsItDownFirst() throws Exception {
        start(5);
        replicaSet.initiate();
        List<String> all = members(5);
        List<String> desired = members(3);
        String member4 = all.get(4);
        // After a failover, member 4 leads the set.
        replicaSet.setState(all.get(0), MongoMemberState.SECONDARY);
        replicaSet.setState(member4, MongoMemberState.PRIMARY);

        ReplicaSetObservation first = client().converge(SET, desired, ADMIN);

        assertThat(first.action()).isEqualTo(Action.PRIMARY_STEPPED_DOWN);
        assertThat(first.configuredMembers()).isEqualTo(all);
        assertThat(first.primary()).contains(all.get(0));
        assertThat(first.converged(desired)).isFalse();
        assertThat(first.members())
                .filteredOn(m -> m.host().equals(member4))
                .extracting(MemberState::state)
                .containsExactly("SECONDARY");
        assertThat(replicaSet.config().orElseThrow().hosts()).isEqualTo(all);
        assertThat(replicaSet.config().orElseThrow().version()).isEqualTo(1);
        assertThat(replicaSet.commandCount(member4, "replSetStepDown")).isEqualTo(1);
        assertThat(replicaSet.commandCount("replSetReconfig")).isZero();

        ReplicaSetObservation second = client().converge(SET, desired, ADMIN);

        assertThat(second.action()).isEqualTo(Action.MEMBER_REMOVED);
        assertThat(second.configuredMembers()).isEqualTo(members(4));

        ReplicaSetObservation third = client().converge(SET, desired, ADMIN);

        assertThat(third.action()).isEqualTo(Action.MEMBER_REMOVED);
        assertThat(third.configuredMembers()).isEqualTo(desired);
        assertThat(third.converged(desired)).isTrue();
        assertThat(replicaSet.config().orElseThrow().hosts()).isEqualTo(desired);
        assertThat(client().converge(SET, desired, ADMIN).action()).isEqualTo(Action.NONE);
        assertThat(replicaSet.commandCount("replSetStepDown")).isEqualTo(1);
        assertThat(replicaSet.commandCount("replSetReconfig")).isEqualTo(2);
    }

    @Test
    void aCanaryHandOverStepsThePrimaryDownAndTheSetElectsAnother() throws Exception {
        start(3);
        List<String> desired = members(3);
        client().converge(SET, desired, ADMIN);

        Optional<String> elected = client().stepDownPrimary(SET, desired, ADMIN);

        assertThat(elected).isPresent().isNotEqualTo(Optional.of(desired.get(0)));
        assertThat(replicaSet.commandCount(desired.get(0), "replSetStepDown")).isEqualTo(1);
        ReplicaSetObservation after = client().converge(SET, desired, ADMIN);
        assertThat(after.primary()).isEqualTo(elected);
        assertThat(after.converged(desired)).isTrue();
    }

    @Test
    void aPrimaryThatClosesConnectionsAsItStepsDownHasStillSteppedDown() throws Exception {
        start(3);
        replicaSet.initiate();
        List<String> all = members(3);
        replicaSet.setState(all.get(0), MongoMemberState.SECONDARY);
        replicaSet.setState(all.get(2), MongoMemberState.PRIMARY);
        replicaSet.closeConnectionsOnStepDown(true);

        ReplicaSetObservation seen = client().converge(SET, members(2), ADMIN);

        assertThat(seen.action()).isEqualTo(Action.PRIMARY_STEPPED_DOWN);
        assertThat(seen.primary()).contains(all.get(0));
        assertThat(seen.configuredMembers()).isEqualTo(all);
    }

    @Test
    void aPrimaryThatCannotStepDownFailsThePassAndKeepsTheConfiguration() {
        start(3);
        replicaSet.initiate();
        List<String> all = members(3);
        replicaSet.setState(all.get(0), MongoMemberState.SECONDARY);
        replicaSet.setState(all.get(2), MongoMemberState.PRIMARY);
        replicaSet.setHealthy(all.get(0), false);
        replicaSet.setHealthy(all.get(1), false);

        assertThatThrownBy(() -> client().converge(SET, members(2), ADMIN))
                .isInstanceOfSatisfying(
                        MongoCommandRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(262));
        assertThat(replicaSet.config().orElseThrow().hosts()).isEqualTo(all);
        assertThat(replicaSet.commandCount("replSetReconfig")).isZero();
    }

    @Test
    void createsTheMonitoringUserWithExactlyItsTwoRolesThenUpdatesItsPassword() throws Exception {
        start(3);
        replicaSet.initiate();
        DriverMongoReplicaSetClient client = client();

        client.ensureMonitoringUser(
                members(3), ADMIN, new DatabaseCredentials("vigil-monitor", "first-pw"));

        UserSnapshot created = replicaSet.user("vigil-monitor").orElseThrow();
        assertThat(created.roles())
                .containsExactly(new Role("clusterMonitor", "admin"), new Role("read", "local"));
        assertThat(replicaSet.passwordMatches("vigil-monitor", "first-pw")).isTrue();

        client.ensureMonitoringUser(
                members(3), ADMIN, new DatabaseCredentials("vigil-monitor", "second-pw"));

        assertThat(replicaSet.passwordMatches("vigil-monitor", "second-pw")).isTrue();
        assertThat(replicaSet.passwordMatches("vigil-monitor", "first-pw")).isFalse();
        assertThat(replicaSet.users()).filteredOn(u -> u.name().equals("vigil-monitor")).hasSize(1);
        assertThat(replicaSet.commandCount("createUser")).isEqualTo(1);
        assertThat(replicaSet.commandCount("updateUser")).isEqualTo(1);
    }

    @Test
    void createsTheMonitoringUserThroughThePrimaryWhenAskedASecondaryFirst() throws Exception {
        start(3);
        replicaSet.initiate(List.of(members(3).get(2), members(3).get(0), members(3).get(1)));

        client().ensureMonitoringUser(
                        members(3), ADMIN, new DatabaseCredentials("vigil-monitor", "pw"));

        assertThat(replicaSet.commandCount(members(3).get(2), "createUser")).isEqualTo(1);
        assertThat(replicaSet.commandCount(members(3).get(0), "createUser")).isZero();
    }

    @Test
    void wrongAdminPasswordIsAnAuthenticationErrorThatDoesNotShowThePassword() {
        start(3);
        replicaSet.initiate();
        String wrong = "not-the-Admin-pw-42";

        assertThatThrownBy(
                        () ->
                                client().converge(
                                                SET,
                                                members(3),
                                                new DatabaseCredentials("root", wrong)))
                .isInstanceOf(DatabaseAuthenticationException.class)
                .hasMessageContaining(members(3).get(0))
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(wrong));
    }

    @Test
    void nothingListeningIsUnreachable() {
        start(3);
        members(3).forEach(replicaSet::makeUnreachable);

        assertThatThrownBy(() -> client(SHORT_TIMEOUT).converge(SET, members(3), ADMIN))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining(members(3).get(0))
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(ADMIN.password()));
    }

    @Test
    void unresolvableNamesAreUnreachable() {
        DatabaseAddressResolver inCluster = DatabaseAddressResolver.IN_CLUSTER;
        DriverMongoReplicaSetClient client =
                new DriverMongoReplicaSetClient(inCluster, SHORT_TIMEOUT);

        assertThatThrownBy(
                        () ->
                                client.ensureMonitoringUser(
                                        List.of("nowhere-0.vigil.invalid:27017"),
                                        ADMIN,
                                        new DatabaseCredentials("vigil-monitor", "pw")))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("nowhere-0.vigil.invalid:27017");
    }

    @Test
    void doesNotInitiateWhileAMemberIsUnreachable() {
        start(3);
        replicaSet.makeUnreachable(members(3).get(2));

        assertThatThrownBy(() -> client(SHORT_TIMEOUT).converge(SET, members(3), ADMIN))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining(members(3).get(2));
        assertThat(replicaSet.commandCount("replSetInitiate")).isZero();
        assertThat(replicaSet.config()).isEmpty();
    }

    @Test
    void findsTheSetThroughAnotherMemberWhenTheFirstIsDown() throws Exception {
        start(3);
        replicaSet.initiate();
        replicaSet.makeUnreachable(members(3).get(0));

        ReplicaSetObservation seen = client(SHORT_TIMEOUT).converge(SET, members(3), ADMIN);

        assertThat(seen.initiated()).isTrue();
        assertThat(seen.action()).isEqualTo(Action.NONE);
        assertThat(seen.primary()).isEmpty();
        assertThat(seen.members())
                .contains(new MemberState(members(3).get(0), "(not reachable/healthy)", false, 0));
        assertThat(seen.converged(members(3))).isFalse();
        assertThat(replicaSet.commandCount("replSetInitiate")).isZero();
    }

    @Test
    void reportsTheLagOfALaggingMember() throws Exception {
        start(3);
        replicaSet.initiate();
        replicaSet.setLag(members(3).get(2), Duration.ofSeconds(42));

        ReplicaSetObservation seen = client().converge(SET, members(3), ADMIN);

        assertThat(seen.members())
                .containsExactly(
                        new MemberState(members(3).get(0), "PRIMARY", true, 0),
                        new MemberState(members(3).get(1), "SECONDARY", true, 0),
                        new MemberState(members(3).get(2), "SECONDARY", true, 42));
    }

    @Test
    void anUnhealthyMemberKeepsTheSetFromConverging() throws Exception {
        start(3);
        replicaSet.initiate();
        replicaSet.setHealthy(members(3).get(1), false);

        ReplicaSetObservation seen = client().converge(SET, members(3), ADMIN);

        assertThat(seen.members().get(1).healthy()).isFalse();
        assertThat(seen.converged(members(3))).isFalse();
    }

    @Test
    void isNotConvergedWhileMembersAreInInitialSync() throws Exception {
        replicaSet =
                MongoReplicaSetDouble.builder()
                        .members(members(3))
                        .admin(ADMIN)
                        .newMembersStartIn(MongoMemberState.STARTUP2)
                        .start();
        List<String> desired = members(3);

        ReplicaSetObservation initiated = client().converge(SET, desired, ADMIN);

        assertThat(initiated.members())
                .extracting(MemberState::state)
                .containsExactly("PRIMARY", "STARTUP2", "STARTUP2");
        assertThat(initiated.converged(desired)).isFalse();

        replicaSet.setState(desired.get(1), MongoMemberState.SECONDARY);
        replicaSet.setState(desired.get(2), MongoMemberState.SECONDARY);

        assertThat(client().converge(SET, desired, ADMIN).converged(desired)).isTrue();
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
