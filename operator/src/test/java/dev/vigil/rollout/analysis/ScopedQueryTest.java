package dev.vigil.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.monitoring.MonitoringResources;
import java.util.List;
import java.util.Optional;
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
    void theDatabasesNamespaceAndNameComeFromItsMetadata() {
        assertThat(
                        ScopedQuery.of(
                                "pg_up{namespace=\"$(namespace)\", vigil_database=\"$(database)\","
                                        + " pod=~\"$(pods)\"}",
                                new DatabaseSeries("payments", "ledger"),
                                List.of("ledger-2")))
                .isEqualTo(
                        "pg_up{namespace=\"payments\", vigil_database=\"ledger\","
                                + " pod=~\"ledger-2\"}");
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
        assertThat(
                        AnalysisRules.check(
                                AnalysisRulesTest.withAnalysis(QUERY, "result < 5"),
                                Optional.empty(),
                                MonitoringResources.SYNTAX_CHECK))
                .isEmpty();
    }
}
