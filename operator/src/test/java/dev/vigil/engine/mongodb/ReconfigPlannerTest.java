package dev.vigil.engine.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.mongodb.ReplicaSetObservation.Action;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ReconfigPlannerTest {

    private static Document config(Document... members) {
        return new Document("_id", "rs0")
                .append("version", 7)
                .append("members", List.of(members))
                .append("settings", new Document("chainingAllowed", false));
    }

    private static Document member(int id, String host) {
        return new Document("_id", id).append("host", host).append("priority", 1.0);
    }

    @Test
    void addsTheFirstMissingMemberWithTheNextIdAndKeepsEverythingElse() {
        Document tuned =
                member(5, "b:27017")
                        .append("priority", 0.5)
                        .append("tags", new Document("zone", "x"));
        Document current = config(member(0, "a:27017"), tuned);

        ReconfigPlanner.Step step =
                ReconfigPlanner.nextStep(
                                current, List.of("a:27017", "b:27017", "c:27017", "d:27017"))
                        .orElseThrow();

        assertThat(step.action()).isEqualTo(Action.MEMBER_ADDED);
        assertThat(step.member()).isEqualTo("c:27017");
        assertThat(step.newConfig().getInteger("version")).isEqualTo(8);
        assertThat(step.newConfig().get("settings"))
                .isEqualTo(new Document("chainingAllowed", false));
        assertThat(step.newConfig().getList("members", Document.class))
                .containsExactly(
                        member(0, "a:27017"),
                        tuned,
                        new Document("_id", 6).append("host", "c:27017"));
        assertThat(current.getInteger("version")).as("input untouched").isEqualTo(7);
    }

    @Test
    void removesTheExtraMemberWithTheHighestIdBeforeAddingAnything() {
        Document current =
                config(member(0, "a:27017"), member(2, "old-2:27017"), member(1, "old-1:27017"));

        ReconfigPlanner.Step step =
                ReconfigPlanner.nextStep(current, List.of("a:27017", "new:27017")).orElseThrow();

        assertThat(step.action()).isEqualTo(Action.MEMBER_REMOVED);
        assertThat(step.member()).isEqualTo("old-2:27017");
        assertThat(ReconfigPlanner.hostsInIdOrder(step.newConfig()))
                .containsExactly("a:27017", "old-1:27017");
    }

    @Test
    void plansNothingWhenTheMembersMatch() {
        Document current = config(member(1, "b:27017"), member(0, "a:27017"));

        assertThat(ReconfigPlanner.nextStep(current, List.of("a:27017", "b:27017"))).isEmpty();
        assertThat(ReconfigPlanner.hostsInIdOrder(current)).containsExactly("a:27017", "b:27017");
    }
}
