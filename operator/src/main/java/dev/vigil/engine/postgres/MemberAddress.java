package dev.vigil.engine.postgres;

/**
 * A member's stable address: {@code host:port}, where host is a DNS name (the pod's
 * headless-Service name).
 */
record MemberAddress(String host, int port) {

    static final int DEFAULT_PORT = 5432;

    /** Parses {@code host:port}; a name without a port means PostgreSQL's default port. */
    static MemberAddress parse(String member) {
        int colon = member.lastIndexOf(':');
        if (colon < 0) {
            return new MemberAddress(member, DEFAULT_PORT);
        }
        String host = member.substring(0, colon);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("member address has no host: " + member);
        }
        try {
            return new MemberAddress(host, Integer.parseInt(member.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("member address has an invalid port: " + member, e);
        }
    }
}
