package dev.vigil.e2e.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.prometheus.RuleFiles.RuleFile;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleFilesTest {

    @Test
    void onePrometheusRuleIsOneFileNamedAfterItsNamespaceAndName() {
        PrometheusRule rule = LedgerDatabase.withServiceMonitor().alertRules();

        RuleFile file = RuleFiles.of(rule);

        assertThat(file.fileName()).isEqualTo("finance-ledger-alerts.yaml");
        String yaml = PrometheusConfig.yaml(file.content());
        assertThat(yaml)
                .contains("name: \"ledger.rules\"")
                .contains("alert: \"PostgreSQLDown\"")
                .contains("pg_up{namespace=\\\"finance\\\",vigil_database=\\\"ledger\\\"} == 0");
    }

    @Test
    void onlyRulesCarryingTheSelectorsLabelsArePickedUp() {
        PrometheusRule labelled = LedgerDatabase.withServiceMonitor().alertRules();
        PrometheusRule unlabelled =
                new PrometheusRuleBuilder(labelled)
                        .editMetadata()
                        .withName("other")
                        .withLabels(Map.of())
                        .endMetadata()
                        .build();

        List<RuleFile> files =
                RuleFiles.of(
                        List.of(unlabelled, labelled),
                        PrometheusOptions.defaults()
                                .withSelector(Map.of("release", "kube-prometheus-stack")));

        assertThat(files)
                .extracting(RuleFile::fileName)
                .containsExactly("finance-ledger-alerts.yaml");
    }
}
