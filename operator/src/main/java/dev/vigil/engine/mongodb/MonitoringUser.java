package dev.vigil.engine.mongodb;

import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's least-privilege user: {@code clusterMonitor} on {@code admin} (server and
 * replica-set metrics) and {@code read} on {@code local} (the oplog window), nothing else.
 */
final class MonitoringUser {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringUser.class);
    private static final String ADMIN_DATABASE = "admin";

    static final List<Document> ROLES =
            List.of(
                    new Document("role", "clusterMonitor").append("db", ADMIN_DATABASE),
                    new Document("role", "read").append("db", "local"));

    private MonitoringUser() {}

    /**
     * Creates the user, or sets its password and roles when it exists, so a rotated Secret or roles
     * changed by hand are repaired on the next reconcile.
     *
     * @param primary a connection to the set's primary (user writes go through it)
     */
    static void ensure(MemberConnection primary, DatabaseCredentials monitoring)
            throws DatabaseException {
        if (exists(primary, monitoring.username())) {
            update(primary, monitoring);
            return;
        }
        try {
            primary.run(
                    new Document("createUser", monitoring.username())
                            .append("pwd", monitoring.password())
                            .append("roles", ROLES));
            LOG.info("Created MongoDB monitoring user {}", monitoring.username());
        } catch (MongoCommandRejectedException e) {
            if (e.code() != MongoErrorCodes.USER_ALREADY_EXISTS) {
                throw e;
            }
            // Created concurrently since usersInfo; make it ours.
            update(primary, monitoring);
        }
    }

    private static boolean exists(MemberConnection primary, String username)
            throws DatabaseException {
        Document reply =
                primary.run(
                        new Document(
                                "usersInfo",
                                new Document("user", username).append("db", ADMIN_DATABASE)));
        return !reply.getList("users", Document.class, List.of()).isEmpty();
    }

    private static void update(MemberConnection primary, DatabaseCredentials monitoring)
            throws DatabaseException {
        primary.run(
                new Document("updateUser", monitoring.username())
                        .append("pwd", monitoring.password())
                        .append("roles", ROLES));
    }
}
