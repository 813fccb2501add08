package dev.vigil.engine;

/**
 * A member's stable address as Vigil names it to a client, for either engine: {@code host:port},
 * where host is a DNS name (the pod's headless-Service name). A MongoDB replica-set configuration
 * lists its members this way.
 *
 * @param host the member's DNS name
 * @param port the member's database port
 */
public record MemberAddress(String host, int port) {

    /**
     * Parses {@code host:port}; a name without a port means {@code defaultPort}, the engine's
     * standard port.
     *
     * @throws IllegalArgumentException when the host is empty or the port is not a number
     */
    public static MemberAddress parse(String member, int defaultPort) {
        int colon = member.lastIndexOf(':');
        if (colon < 0) {
            return new MemberAddress(member, defaultPort);
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
