package dev.vigil.engine.mongodb;

import dev.vigil.engine.mongodb.ReplicaSetObservation.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * Plans the next single change that brings a replica-set configuration closer to the desired
 * members. MongoDB accepts at most one voting member added or removed per non-forced reconfig, so
 * the plan is one step: remove the extra member with the highest {@code _id} first (shrinking
 * before growing keeps the voting majority small while pods go away), else add the first missing
 * member with a fresh {@code _id}. Everything else in the configuration, including the other
 * members' settings, is kept as it is.
 */
final class ReconfigPlanner {

    /**
     * One reconfiguration.
     *
     * @param action {@link Action#MEMBER_ADDED} or {@link Action#MEMBER_REMOVED}
     * @param member {@code host:port} of the member added or removed
     * @param newConfig the configuration to send with {@code replSetReconfig}, version raised by 1
     */
    record Step(Action action, String member, Document newConfig) {}

    private ReconfigPlanner() {}

    /** The next step, or empty when the configuration already holds exactly {@code desired}. */
    static Optional<Step> nextStep(Document config, List<String> desired) {
        List<Document> members = membersInIdOrder(config);
        Set<String> wanted = Set.copyOf(desired);
        Optional<Document> extra =
                members.stream()
                        .filter(m -> !wanted.contains(m.getString("host")))
                        .reduce((first, second) -> second);
        if (extra.isPresent()) {
            List<Document> kept = new ArrayList<>(members);
            kept.remove(extra.get());
            return Optional.of(
                    new Step(
                            Action.MEMBER_REMOVED,
                            extra.get().getString("host"),
                            withMembers(config, kept)));
        }
        List<String> configured = hosts(members);
        Optional<String> missing =
                desired.stream().filter(h -> !configured.contains(h)).findFirst();
        if (missing.isPresent()) {
            int nextId = members.stream().mapToInt(ReconfigPlanner::id).max().orElse(-1) + 1;
            List<Document> grown = new ArrayList<>(members);
            grown.add(new Document("_id", nextId).append("host", missing.get()));
            return Optional.of(
                    new Step(Action.MEMBER_ADDED, missing.get(), withMembers(config, grown)));
        }
        return Optional.empty();
    }

    /** {@code host:port} of every configured member, in {@code _id} order. */
    static List<String> hostsInIdOrder(Document config) {
        return hosts(membersInIdOrder(config));
    }

    private static List<Document> membersInIdOrder(Document config) {
        List<Document> members = new ArrayList<>(config.getList("members", Document.class));
        members.sort(Comparator.comparingInt(ReconfigPlanner::id));
        return members;
    }

    private static List<String> hosts(List<Document> members) {
        return members.stream().map(m -> m.getString("host")).toList();
    }

    private static int id(Document member) {
        return ((Number) member.get("_id")).intValue();
    }

    private static Document withMembers(Document config, List<Document> members) {
        Document next = new Document(config);
        next.put("members", members);
        next.put("version", ((Number) config.get("version")).intValue() + 1);
        return next;
    }
}
