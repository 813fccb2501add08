package dev.vigil.engine.mongodb;

/**
 * A replica-set member's stable address as it appears in the replica-set configuration: {@code
 * host:port}, where host is a DNS name (the pod's headless-Service name).
 */
record MemberAddress(String host, int port) {

    static final int DEFAULT_PORT = 27017;

    /** Parses {@code host:port}; a name without a port means MongoDB's default port. */
    static MemberAddress parse(String member) {
        int colon = member.lastIndexOf(':');
        if (colon < 0) {
            return new MemberAddress(member, DEFAULT_PORT);
        }
        String host = member.substring(0, colon);
        String port = member.substring(colon + 1);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("member address has no host: " + member);
        }
        try {
            return new MemberAddress(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("member address has an invalid port: " + member, e);
        }
    }
}
