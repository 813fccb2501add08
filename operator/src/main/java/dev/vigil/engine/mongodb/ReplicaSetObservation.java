package dev.vigil.engine.mongodb;

import java.util.List;
import java.util.Optional;

/**
 * What Vigil saw of a replica set after a {@link MongoReplicaSetClient#converge} call.
 *
 * @param initiated whether the set has a configuration
 * @param action what this call did
 * @param configuredMembers {@code host:port} of the members in the current configuration
 * @param primary {@code host:port} of the primary, if there is one
 * @param members the state of each member as {@code replSetGetStatus} reports it
 */
public record ReplicaSetObservation(
        boolean initiated,
        Action action,
        List<String> configuredMembers,
        Optional<String> primary,
        List<MemberState> members) {

    /** What a {@code converge} call did. */
    public enum Action {
        NONE,
        INITIATED,
        MEMBER_ADDED,
        MEMBER_REMOVED,
        /**
         * The member to remove was the primary, which cannot remove itself: it was asked to step
         * down instead and the configuration is unchanged. Once another member is elected, the next
         * call removes it.
         */
        PRIMARY_STEPPED_DOWN
    }

    /**
     * One member as the primary sees it.
     *
     * @param host {@code host:port}
     * @param state MongoDB's state name: PRIMARY, SECONDARY, STARTUP2, RECOVERING, ...
     * @param healthy MongoDB's {@code health == 1}
     * @param lagSeconds how far it is behind the primary's optime, in seconds
     */
    public record MemberState(String host, String state, boolean healthy, long lagSeconds) {}

    public ReplicaSetObservation {
        configuredMembers = List.copyOf(configuredMembers);
        members = List.copyOf(members);
    }

    /**
     * Whether the configuration holds exactly {@code desired}, a primary was elected, and every
     * member is healthy as PRIMARY or SECONDARY.
     */
    public boolean converged(List<String> desired) {
        return initiated
                && configuredMembers.equals(desired)
                && primary.isPresent()
                && members.size() == desired.size()
                && members.stream()
                        .allMatch(
                                m ->
                                        m.healthy()
                                                && (m.state().equals("PRIMARY")
                                                        || m.state().equals("SECONDARY")));
    }
}
