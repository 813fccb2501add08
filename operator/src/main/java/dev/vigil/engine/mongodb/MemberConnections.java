package dev.vigil.engine.mongodb;

import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.names.DatabaseAddressResolver;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connections of one {@link MongoReplicaSetClient} call: at most one client per member, all
 * closed when the call ends. Nothing is kept between calls, so a rotated password or a deleted
 * database never leaves a client behind.
 */
final class MemberConnections implements AutoCloseable {

    private final DatabaseAddressResolver resolver;
    private final DatabaseCredentials credentials;
    private final ClientTimeouts timeouts;
    private final Map<String, MemberConnection> open = new LinkedHashMap<>();

    MemberConnections(
            DatabaseAddressResolver resolver,
            DatabaseCredentials credentials,
            ClientTimeouts timeouts) {
        this.resolver = resolver;
        this.credentials = credentials;
        this.timeouts = timeouts;
    }

    /** The connection to {@code member} ({@code host:port}), opened on first use. */
    MemberConnection to(String member) {
        return open.computeIfAbsent(
                member, name -> MemberConnection.open(name, resolver, credentials, timeouts));
    }

    @Override
    public void close() {
        open.values().forEach(MemberConnection::close);
        open.clear();
    }
}
