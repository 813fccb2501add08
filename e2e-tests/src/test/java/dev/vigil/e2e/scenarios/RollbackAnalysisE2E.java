package dev.vigil.e2e.scenarios;

import static dev.vigil.e2e.scenarios.RollbackPostgresE2E.awaitRolledBack;
import static dev.vigil.e2e.scenarios.RollbackPostgresE2E.condition;
import static dev.vigil.e2e.scenarios.RollbackPostgresE2E.rolledBackEvents;
import static dev.vigil.e2e.scenarios.RollbackPostgresE2E.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.CheckResult;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.e2e.prometheus.PrometheusServer;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A PromQL analysis of the health gate, measured on the harness's real Prometheus from the real
 * postgres_exporter's series, fails a change that the pods and the database alone would have
 * passed, and the change is rolled back.
 *
 * <p>The analysis bounds {@code work_mem} as the exporter reports it ({@code
 * pg_settings_work_mem_bytes}): PostgreSQL accepts 64MB happily, so only the analysis can catch it.
 * Its window makes the gate wait until Prometheus has scraped the new pod.
 */
@ExtendWith(E2EExtension.class)
class RollbackAnalysisE2E {

    private static final String NAME = "checkout";
    private static final long DEFAULT_WORK_MEM_BYTES = 4L * 1024 * 1024;

    @Test
    void anAnalysisBrokenByTheNewSettingRollsTheChangeBack(Scenario scenario) throws Exception {
        PrometheusServer prometheus = scenario.local().prometheus();
        scenario.apply(manifest(scenario, prometheus, Map.of()));
        scenario.waitReady(NAME);
        assertThat(rollout(scenario, NAME).getLastStableGeneration()).isEqualTo(1L);
        assertThat(analysis(scenario.database(NAME)).getPassed()).isTrue();

        scenario.apply(manifest(scenario, prometheus, Map.of("work_mem", "64MB")));
        awaitRolledBack(scenario, NAME);

        MonitoredDatabase database = scenario.database(NAME);
        Condition rolledBack = condition(database, "RolledBack");
        assertThat(rolledBack.getReason()).isEqualTo("HealthGateFailed");
        assertThat(rolledBack.getMessage()).contains("work-mem").contains("generation 1");
        assertThat(database.getStatus().getRollout().getRolledBackFrom()).isEqualTo(2L);
        assertThat(rolledBackEvents(scenario, NAME)).hasSize(1);
        assertThat(new DatabaseProbes(scenario).sql(NAME, 0, "SHOW work_mem"))
                .containsExactly(List.of("4MB"));
    }

    private static CheckResult analysis(MonitoredDatabase database) {
        return database.getStatus().getRollout().getChecks().stream()
                .filter(check -> check.getName().equals("Analysis/work-mem"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Analysis/work-mem check"));
    }

    /**
     * The database with a gate of one analysis, on the harness's Prometheus. {@code or vector(0)}
     * keeps the first generation's analysis conclusive before the first scrape.
     */
    private static String manifest(
            Scenario scenario, PrometheusServer prometheus, Map<String, String> parameters) {
        return Manifests.postgres(NAME, 1, "16.4", parameters)
                + """
                  healthGate:
                    timeout: 90s
                    crashLoopRestartLimit: 1
                    prometheusUrl: %s
                    analysis:
                      - name: work-mem
                        query: >-
                          max(pg_settings_work_mem_bytes{namespace="%s", vigil_database="%s"})
                          or vector(0)
                        successCondition: result <= %d
                        interval: 2s
                        window: 20s
                """
                        .formatted(
                                prometheus.url(),
                                scenario.namespace(),
                                NAME,
                                DEFAULT_WORK_MEM_BYTES);
    }
}
