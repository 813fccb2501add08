package dev.vigil.testing.mongo;

import dev.vigil.engine.DatabaseCredentials;
import java.util.List;
import java.util.Optional;

/**
 * What one member's data files hold that the double models: the users of its {@code admin} database
 * and its featureCompatibilityVersion. It belongs with the member's volume, not with the process: a
 * member restarted on the same data keeps it. While the member is in a replica-set configuration it
 * serves the set's replicated data instead (its initial sync copied it); when it is removed from
 * the configuration it keeps a copy of the set's data as it was. Thread-safe.
 */
public final class MongoNodeData {

    private static final String ADMIN = "admin";

    private final UserDirectory users;
    private String featureCompatibilityVersion;

    private MongoNodeData(UserDirectory users, String featureCompatibilityVersion) {
        this.users = users;
        this.featureCompatibilityVersion = featureCompatibilityVersion;
    }

    /**
     * Empty data files as {@code binary} creates them on its first start: no users, the FCV of the
     * binary's release.
     */
    public static MongoNodeData fresh(MongoBinaryVersion binary) {
        return new MongoNodeData(new UserDirectory(), binary.featureCompatibilityVersion());
    }

    /**
     * Creates the root user as the official image's entrypoint does from {@code
     * MONGO_INITDB_ROOT_USERNAME} and {@code _PASSWORD} on empty data files: role {@code root} on
     * {@code admin}, authenticating against {@code admin}.
     */
    public void createRootUser(DatabaseCredentials root) {
        users.put(
                root.username(),
                ADMIN,
                root.password(),
                List.of(new UserSnapshot.Role("root", ADMIN)));
    }

    /** The FCV stored in these data files. */
    public synchronized String featureCompatibilityVersion() {
        return featureCompatibilityVersion;
    }

    /** A user of the {@code admin} database in these data files. */
    public Optional<UserSnapshot> user(String name) {
        return users.snapshot(name, ADMIN);
    }

    synchronized void setFeatureCompatibilityVersion(String fcv) {
        this.featureCompatibilityVersion = fcv;
    }

    UserDirectory users() {
        return users;
    }

    /** An independent copy, as a new primary's data becomes the replica set's. */
    synchronized MongoNodeData copy() {
        return new MongoNodeData(users.copy(), featureCompatibilityVersion);
    }

    /** Takes over {@code source}'s contents, as a member removed from a set keeps what it had. */
    void overwriteWith(MongoNodeData source) {
        if (source == this) {
            return;
        }
        MongoNodeData snapshot = source.copy();
        users.replaceWith(snapshot.users);
        setFeatureCompatibilityVersion(snapshot.featureCompatibilityVersion());
    }
}
