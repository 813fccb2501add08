package dev.vigil.e2e.apiserver;

import java.util.Set;

/**
 * Hands out Service cluster IPs from an IPv4 range, the lowest free address first (a real API
 * server picks at random). The default range, {@code 127.20.0.0/16}, is in the loopback block, so a
 * simulated kube-proxy on this machine can listen on the cluster IPs it is given.
 */
final class ClusterIpAllocator {

    private final long network;
    private final long size;
    private final String cidr;

    ClusterIpAllocator(String cidr) {
        this.cidr = cidr;
        String[] parts = cidr.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
        }
        int prefix = Integer.parseInt(parts[1]);
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("prefix length must be 8 to 30: " + cidr);
        }
        long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        this.network = toLong(parts[0]) & mask;
        this.size = 1L << (32 - prefix);
    }

    /** The lowest address of the range not in {@code inUse}, skipping the network address. */
    String allocate(Set<String> inUse) {
        for (long offset = 1; offset < size - 1; offset++) {
            String candidate = toText(network + offset);
            if (!inUse.contains(candidate)) {
                return candidate;
            }
        }
        throw ApiError.badRequest("range is full: no free cluster IP left in " + cidr);
    }

    /** Whether {@code ip} is an address of the range. */
    boolean contains(String ip) {
        try {
            long address = toLong(ip);
            return address >= network && address < network + size;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    String range() {
        return cidr;
    }

    private static long toLong(String ip) {
        String[] octets = ip.split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + ip);
        }
        long value = 0;
        for (String octet : octets) {
            int part = Integer.parseInt(octet);
            if (part < 0 || part > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + ip);
            }
            value = (value << 8) | part;
        }
        return value;
    }

    private static String toText(long address) {
        return ((address >> 24) & 0xFF)
                + "."
                + ((address >> 16) & 0xFF)
                + "."
                + ((address >> 8) & 0xFF)
                + "."
                + (address & 0xFF);
    }
}
