package dev.vigil.names;

import java.net.InetSocketAddress;

/**
 * Maps a database member's stable address (its headless-Service DNS name and port) to the socket
 * Vigil connects to. In a cluster that is the same address; a test harness maps it to loopback.
 */
@FunctionalInterface
public interface DatabaseAddressResolver {

    /** Connects to members where their DNS names point, as in a cluster. */
    DatabaseAddressResolver IN_CLUSTER = InetSocketAddress::createUnresolved;

    InetSocketAddress resolve(String host, int port);
}
