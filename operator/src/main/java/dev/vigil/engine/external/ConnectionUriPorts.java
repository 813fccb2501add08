package dev.vigil.engine.external;

import dev.vigil.api.v1alpha1.Engine;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ports an External database's connection URI names, so that the exporter's NetworkPolicy can
 * allow exactly those. Reads the forms {@code spec.external.uriSecret} holds: for MongoDB a {@code
 * mongodb://} URI (every host of the seed list, 27017 when a host gives no port); for PostgreSQL
 * postgres_exporter's {@code DATA_SOURCE_URI} ({@code host:port/database?...}, with or without a
 * {@code postgresql://} scheme, several comma-separated hosts allowed, 5432 by default).
 *
 * <p>Empty when the ports cannot be known from the URI: a {@code mongodb+srv://} URI (DNS SRV
 * records give the ports), or text that is not a URI of these forms. The caller then leaves the
 * exporter's egress open on every port, which is what it did before it could read the URI. No part
 * of the URI is ever logged or kept but the port numbers.
 */
public final class ConnectionUriPorts {

    static final int MONGODB_DEFAULT_PORT = 27017;
    static final int POSTGRESQL_DEFAULT_PORT = 5432;
    private static final int MAX_PORT = 65535;

    private ConnectionUriPorts() {}

    /** The ports of {@code uri} for {@code engine}, or empty when they cannot be known. */
    public static Set<Integer> of(String uri, Engine engine) {
        String text = uri.trim();
        int defaultPort;
        if (engine == Engine.MongoDB) {
            if (!text.startsWith("mongodb://")) {
                return Set.of();
            }
            text = text.substring("mongodb://".length());
            defaultPort = MONGODB_DEFAULT_PORT;
        } else {
            text = withoutScheme(text);
            defaultPort = POSTGRESQL_DEFAULT_PORT;
        }
        String hosts = hostList(text);
        if (hosts.isEmpty()) {
            return Set.of();
        }
        Set<Integer> ports = new TreeSet<>();
        for (String host : hosts.split(",")) {
            int port = port(host.trim(), defaultPort);
            if (port < 0) {
                return Set.of();
            }
            ports.add(port);
        }
        return ports;
    }

    private static String withoutScheme(String text) {
        for (String scheme : new String[] {"postgresql://", "postgres://"}) {
            if (text.startsWith(scheme)) {
                return text.substring(scheme.length());
            }
        }
        return text;
    }

    /** The host list: up to the path or the query, after any user information. */
    private static String hostList(String text) {
        int end = text.length();
        for (char c : new char[] {'/', '?'}) {
            int at = text.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        String authority = text.substring(0, end);
        return authority.substring(authority.lastIndexOf('@') + 1);
    }

    /** The port of one {@code host[:port]} or {@code [ipv6][:port]}; -1 when it is not one. */
    private static int port(String host, int defaultPort) {
        if (host.isEmpty()) {
            return -1;
        }
        String afterHost;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return -1;
            }
            afterHost = host.substring(close + 1);
        } else {
            int colon = host.lastIndexOf(':');
            afterHost = colon < 0 ? "" : host.substring(colon);
        }
        if (afterHost.isEmpty()) {
            return defaultPort;
        }
        if (!afterHost.startsWith(":") || !afterHost.substring(1).matches("[0-9]{1,5}")) {
            return -1;
        }
        int port = Integer.parseInt(afterHost.substring(1));
        return port >= 1 && port <= MAX_PORT ? port : -1;
    }
}
