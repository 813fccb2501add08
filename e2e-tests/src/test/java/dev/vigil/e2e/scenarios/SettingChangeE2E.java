package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user changes a PostgreSQL setting: the members roll one by one and run with it. */
@ExtendWith(E2EExtension.class)
class SettingChangeE2E {

    private static final String REVISION = "controller-revision-hash";

    @Test
    void changedParameterRollsEveryMemberAndTakesEffect(Scenario scenario) throws Exception {
        scenario.apply(Manifests.postgres("catalog", 2, "16.4", Map.of("work_mem", "4MB")));
        scenario.waitReady("catalog");
        String before = scenario.statefulSet("catalog").getStatus().getCurrentRevision();
        List<String> uidsBefore = uids(scenario.pods("catalog"));

        scenario.apply(Manifests.postgres("catalog", 2, "16.4", Map.of("work_mem", "8MB")));

        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .untilAsserted(
                        () -> {
                            StatefulSet statefulSet = scenario.statefulSet("catalog");
                            assertThat(statefulSet.getStatus().getUpdateRevision())
                                    .isNotEqualTo(before);
                            assertThat(statefulSet.getStatus().getCurrentRevision())
                                    .isEqualTo(statefulSet.getStatus().getUpdateRevision());
                            assertThat(statefulSet.getStatus().getReadyReplicas()).isEqualTo(2);
                            assertThat(scenario.pods("catalog"))
                                    .allSatisfy(
                                            p ->
                                                    assertThat(p.getMetadata().getLabels())
                                                            .containsEntry(
                                                                    REVISION,
                                                                    statefulSet
                                                                            .getStatus()
                                                                            .getUpdateRevision()));
                        });
        assertThat(uids(scenario.pods("catalog")))
                .as("every member was replaced by a new pod")
                .doesNotContainAnyElementsOf(uidsBefore);
        scenario.waitReady("catalog");
        assertThat(scenario.database("catalog").getStatus().getObservedGeneration()).isEqualTo(2L);
        DatabaseProbes probes = new DatabaseProbes(scenario);
        assertThat(probes.sql("catalog", 0, "SHOW work_mem")).containsExactly(List.of("8MB"));
        assertThat(probes.sql("catalog", 1, "SHOW work_mem")).containsExactly(List.of("8MB"));
    }

    private static List<String> uids(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getUid()).toList();
    }
}
