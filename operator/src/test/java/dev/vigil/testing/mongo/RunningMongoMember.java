package dev.vigil.testing.mongo;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;

/** A member of a {@link DynamicMongoReplicaSet} whose mongod is running; closing stops it. */
public final class RunningMongoMember implements AutoCloseable {

    private final DynamicMongoReplicaSet replicaSet;
    private final String member;
    private final MongoServer server;
    private final InetSocketAddress address;

    RunningMongoMember(DynamicMongoReplicaSet replicaSet, String member, MongoServer server) {
        this.replicaSet = replicaSet;
        this.member = member;
        this.server = server;
        this.address = server.getLocalAddress();
    }

    /** The member's {@code host:port} in the replica-set configuration. */
    public String member() {
        return member;
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return address;
    }

    /** Whether it still runs: not closed, not replaced by a later start of the same member. */
    public boolean isRunning() {
        return replicaSet.isRunning(member, server);
    }

    /** Stops mongod; the others see the member down. Idempotent. */
    @Override
    public void close() {
        replicaSet.stop(member, server);
    }
}
