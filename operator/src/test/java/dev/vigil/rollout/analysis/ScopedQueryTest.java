package dev.vigil.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.monitoring.MonitoringResources;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopedQueryTest {

    private static final String QUERY =
            "max(pg_replication_lag_seconds{namespace=\"shop\", pod=~\"$(pods)\"})";

    @Test
    void thePlaceholderBecomesTheExactPodsUnderTest() {
        assertThat(ScopedQuery.of(QUERY, List.of("orders-2", "orders-1")))
                .isEqualTo(
                        "max(pg_replication_lag_seconds{namespace=\"shop\","
                                + " pod=~\"orders-2|orders-1\"})");
    }

    @Test
    void aDotInAPodNameMatchesOnlyADot() {
        assertThat(ScopedQuery.of("up{pod=~\"$(pods)\"}", List.of("a.b-0")))
                .isEqualTo("up{pod=~\"a\\\\.b-0\"}");
    }

    @Test
    void aQueryWithoutThePlaceholderIsLeftAlone() {
        assertThat(ScopedQuery.of("vector(0)", List.of("orders-2"))).isEqualTo("vector(0)");
    }

    @Test
    void theSpecValidationAcceptsThePlaceholderInALabelMatcher() {
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
                              - {name: lag, query: 'q', successCondition: 'result < 5'}
                        """,
                        MonitoredDatabase.class);
        database.getSpec().getHealthGate().getAnalysis().get(0).setQuery(QUERY);

        assertThat(AnalysisRules.check(database, MonitoringResources.SYNTAX_CHECK)).isEmpty();
    }
}
