package dev.vigil.engine.mongodb;

import dev.vigil.engine.mongodb.ReplicaSetObservation.MemberState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Reads the members' states out of a {@code replSetGetStatus} reply. */
final class ReplicaSetStatus {

    static final Document COMMAND = new Document("replSetGetStatus", 1);

    private static final int PRIMARY_STATE = 1;

    private ReplicaSetStatus() {}

    /** The set name the reply is about ({@code set}). */
    static String setName(Document status) {
        return status.getString("set");
    }

    /**
     * Each member in the order the server lists them (configuration order). Lag is measured against
     * the primary's {@code optimeDate}, or against the most recent one when there is no primary. A
     * member that is not healthy has no meaningful optime (the server reports the epoch), so its
     * lag is reported as 0 and its {@code healthy} flag tells the story.
     */
    static List<MemberState> memberStates(Document status) {
        List<Document> members = status.getList("members", Document.class, List.of());
        Optional<Date> reference = referenceOptime(members);
        List<MemberState> states = new ArrayList<>(members.size());
        for (Document member : members) {
            boolean healthy = number(member, "health") == 1;
            long lag = 0;
            Date optime = member.getDate("optimeDate");
            if (healthy && optime != null && reference.isPresent()) {
                lag =
                        Math.max(
                                0,
                                Duration.between(optime.toInstant(), reference.get().toInstant())
                                        .toSeconds());
            }
            states.add(
                    new MemberState(
                            member.getString("name"), member.getString("stateStr"), healthy, lag));
        }
        return states;
    }

    private static Optional<Date> referenceOptime(List<Document> members) {
        Optional<Date> primary =
                members.stream()
                        .filter(m -> number(m, "state") == PRIMARY_STATE)
                        .map(m -> m.getDate("optimeDate"))
                        .filter(d -> d != null)
                        .findFirst();
        if (primary.isPresent()) {
            return primary;
        }
        return members.stream()
                .filter(m -> number(m, "health") == 1)
                .map(m -> m.getDate("optimeDate"))
                .filter(d -> d != null)
                .max(Date::compareTo);
    }

    /** MongoDB sends {@code health} as a double and {@code state} as an int; accept either. */
    private static double number(Document document, String key) {
        Object value = document.get(key);
        return value instanceof Number n ? n.doubleValue() : -1;
    }
}
