package dev.vigil.testing.mongo;

import java.util.List;

/**
 * The replica-set configuration the double holds, for assertions.
 *
 * @param name the set's {@code _id}
 * @param version the configuration version
 * @param members members in {@code _id} order
 */
public record ConfigSnapshot(String name, int version, List<Member> members) {

    /** One configured member. */
    public record Member(int id, String host, int votes, double priority) {}

    public ConfigSnapshot {
        members = List.copyOf(members);
    }

    /** {@code host:port} of every member, in {@code _id} order. */
    public List<String> hosts() {
        return members.stream().map(Member::host).toList();
    }
}
