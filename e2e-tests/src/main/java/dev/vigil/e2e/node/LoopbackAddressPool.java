package dev.vigil.e2e.node;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out IPv4 loopback addresses from a CIDR block (such as {@code 127.10.0.0/16}), as a CNI
 * plugin's IPAM hands out pod addresses: an address is never given to two holders at once, and a
 * released address is handed out again only after every other free address has been (the pool goes
 * round), so a connection to a pod that just went away does not reach its successor.
 *
 * <p>The network and broadcast addresses of the block are never handed out. Linux routes all of
 * {@code 127.0.0.0/8} to the loopback interface, so every address can be bound without set-up.
 */
public final class LoopbackAddressPool {

    private final int network;
    private final int size;
    private final Set<Integer> inUse = new HashSet<>();
    private int cursor;

    /**
     * @param cidr a block inside {@code 127.0.0.0/8} with a prefix of 8 to 30 bits, e.g. {@code
     *     127.10.0.0/16}
     * @throws IllegalArgumentException for anything else
     */
    public LoopbackAddressPool(String cidr) {
        String[] parts = cidr.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a CIDR block: " + cidr);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR block: " + cidr, e);
        }
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException(
                    "the prefix of " + cidr + " must be between 8 and 30 bits");
        }
        int address = Ipv4.parse(parts[0]);
        if ((address >>> 24) != 127) {
            throw new IllegalArgumentException(cidr + " is not inside 127.0.0.0/8");
        }
        int mask = -1 << (32 - prefix);
        this.network = address & mask;
        this.size = 1 << (32 - prefix);
    }

    /**
     * The next free address.
     *
     * @throws IllegalStateException when every address is in use
     */
    public synchronized String allocate() {
        int usable = size - 2;
        for (int tried = 0; tried < usable; tried++) {
            int offset = 1 + (cursor + tried) % usable;
            if (inUse.add(offset)) {
                cursor = offset % usable;
                return Ipv4.format(network + offset);
            }
        }
        throw new IllegalStateException("every address of " + describe() + " is in use");
    }

    /** Gives an address back; releasing one that is not in use does nothing. */
    public synchronized void release(String address) {
        int offset = Ipv4.parse(address) - network;
        inUse.remove(offset);
    }

    /** Whether {@code address} is handed out now. */
    public synchronized boolean inUse(String address) {
        return inUse.contains(Ipv4.parse(address) - network);
    }

    private String describe() {
        return Ipv4.format(network) + "/" + (32 - Integer.numberOfTrailingZeros(size));
    }
}
