package dev.vigil.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.monitoring.MonitoringResources;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnalysisRulesTest {

    /** A database whose second analysis has {@code query} and {@code condition}. */
    static MonitoredDatabase withAnalysis(String query, String condition) {
        MonitoredDatabase database =
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: orders, namespace: shop}
                        spec:
                          engine: PostgreSQL
                          version: "16.4"
                          healthGate:
                            prometheusUrl: http://prometheus:9090
                            analysis:
                              - {name: fine, query: 'vector(0)', successCondition: 'result < 1'}
                              - {name: checked, query: 'q', successCondition: 'c'}
                        """,
                        MonitoredDatabase.class);
        database.getSpec().getHealthGate().getAnalysis().get(1).setQuery(query);
        database.getSpec().getHealthGate().getAnalysis().get(1).setSuccessCondition(condition);
        return database;
    }

    @Test
    void validQueriesAndConditionsPass() {
        assertThat(
                        AnalysisRules.check(
                                withAnalysis(
                                        "1 - avg(avg_over_time(pg_up{namespace=\"shop\"}[1m]))",
                                        "result <= 0.1"),
                                Optional.empty(),
                                MonitoringResources.SYNTAX_CHECK))
                .isEmpty();
    }

    @Test
    void aBrokenQueryAndABrokenConditionAreNamedByField() {
        assertThat(
                        AnalysisRules.check(
                                withAnalysis("sum(rate(x[5m])", "result <"),
                                Optional.empty(),
                                MonitoringResources.SYNTAX_CHECK))
                .extracting(FieldError::field)
                .containsExactly(
                        "spec.healthGate.analysis[1].query",
                        "spec.healthGate.analysis[1].successCondition");
    }

    @Test
    void aDatabaseWithoutAnalysesHasNothingToCheck() {
        MonitoredDatabase database = withAnalysis("x", "result < 1");
        database.getSpec().setHealthGate(null);

        assertThat(
                        AnalysisRules.check(
                                database, Optional.empty(), MonitoringResources.SYNTAX_CHECK))
                .isEmpty();
    }
}
