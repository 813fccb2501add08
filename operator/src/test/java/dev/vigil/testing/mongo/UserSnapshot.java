package dev.vigil.testing.mongo;

import java.util.List;

/**
 * A user as the double stores it, for assertions; the password is not kept (see {@link
 * MongoReplicaSetDouble#passwordMatches}).
 *
 * @param name the user name
 * @param db the authentication database
 * @param roles granted roles, in the order given
 */
public record UserSnapshot(String name, String db, List<Role> roles) {

    /** A role on a database, as in {@code {role: clusterMonitor, db: admin}}. */
    public record Role(String role, String db) {}

    public UserSnapshot {
        roles = List.copyOf(roles);
    }
}
