package dev.vigil.e2e.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.e2e.prometheus.PrometheusApi.Alert;
import dev.vigil.e2e.prometheus.PrometheusApi.RuleGroup;
import dev.vigil.e2e.prometheus.PrometheusApi.Sample;
import dev.vigil.e2e.prometheus.PrometheusApi.Target;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus scraping a real postgres_exporter through the ServiceMonitor or PodMonitor,
 * and evaluating the PrometheusRule, that Vigil's own builders make, found in a CRUD mock API
 * server. Prometheus applies new targets only every few seconds (its discovery and scrape managers
 * batch updates), hence the patience.
 */
class PrometheusServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int EXPORTER_PORT = 9187;

    @TempDir Path work;

    private KubernetesMockServer apiServer;
    private KubernetesClient client;
    private UnreachableDatabaseExporter exporter;
    private String podIp;

    @BeforeEach
    void startApiServerAndExporter() {
        apiServer =
                new KubernetesMockServer(
                        new Context(),
                        new MockWebServer(),
                        new HashMap<>(),
                        new KubernetesCrudDispatcher(),
                        false);
        apiServer.init();
        for (String kind : List.of("ServiceMonitor", "PodMonitor", "PrometheusRule")) {
            apiServer.expectCustomResource(
                    new CustomResourceDefinitionContext.Builder()
                            .withGroup("monitoring.coreos.com")
                            .withVersion("v1")
                            .withKind(kind)
                            .withPlural(kind.toLowerCase(Locale.ROOT) + "s")
                            .withScope("Namespaced")
                            .build());
        }
        client = apiServer.createClient();
        create(new NamespaceBuilder().withNewMetadata().withName("finance").endMetadata().build());
        podIp = UnreachableDatabaseExporter.freePodIp();
        exporter =
                UnreachableDatabaseExporter.start(
                        podIp, EXPORTER_PORT, work.resolve("exporter.log"));
    }

    @AfterEach
    void stop() {
        if (exporter != null) {
            exporter.close();
        }
        client.close();
        apiServer.destroy();
    }

    @Test
    void scrapesTheExporterThroughVigilsServiceMonitorAndEvaluatesVigilsRules() {
        LedgerDatabase ledger = LedgerDatabase.withServiceMonitor();
        createDatabaseObjects(ledger);
        create(ledger.member(0, podIp, true));

        try (PrometheusServer prometheus = start()) {
            PrometheusApi api = prometheus.api();

            // Of everything discovered in the namespace (the database's other Services, the
            // PostgreSQL port), only the metrics Service's exporter port is kept.
            Target target = awaitOnlyTargetUp(prometheus);
            assertThat(target.scrapePool()).isEqualTo("serviceMonitor/finance/ledger/0");
            assertThat(target.scrapeUrl()).isEqualTo("http://" + podIp + ":9187/metrics");
            assertThat(target.labels())
                    .containsEntry("vigil_database", "ledger")
                    .containsEntry("namespace", "finance")
                    .containsEntry("service", "ledger-metrics")
                    .containsEntry("job", "ledger-metrics")
                    .containsEntry("pod", "ledger-0")
                    .containsEntry("container", "exporter")
                    .containsEntry("endpoint", "metrics")
                    .containsEntry("instance", podIp + ":9187");

            List<Sample> pgUp = api.query("pg_up{namespace=\"finance\",vigil_database=\"ledger\"}");
            assertThat(pgUp).singleElement().extracting(Sample::value).isEqualTo(0.0);
            assertThat(pgUp.get(0).labels()).containsEntry("pod", "ledger-0");

            RuleGroup rules = onlyRuleGroup(api);
            assertThat(rules.name()).isEqualTo("ledger.rules");
            assertThat(rules.file()).endsWith("/finance-ledger-alerts.yaml");
            assertThat(rules.rules())
                    .extracting(PrometheusApi.Rule::name)
                    .contains("PostgreSQLDown", "PostgreSQLExporterDown");
            // pg_up is 0, so PostgreSQLDown is active (pending for its 1m), on the labels the
            // monitor's relabelings wrote, which is what its expression selects by.
            await().atMost(PATIENCE)
                    .untilAsserted(
                            () ->
                                    assertThat(api.alerts())
                                            .as(() -> seenBy(prometheus))
                                            .filteredOn(
                                                    alert -> "PostgreSQLDown".equals(alert.name()))
                                            .singleElement()
                                            .extracting(Alert::state)
                                            .isEqualTo("pending"));
            assertThat(prometheus.rejections()).isEmpty();

            // The pod goes away: its target follows, without a restart of Prometheus.
            client.pods().inNamespace("finance").withName("ledger-0").delete();
            await().atMost(PATIENCE).until(() -> api.activeTargets().isEmpty());
        }
    }

    @Test
    void scrapesTheExporterThroughVigilsPodMonitor() {
        LedgerDatabase ledger = LedgerDatabase.withPodMonitor();
        createDatabaseObjects(ledger);
        create(ledger.member(0, podIp, true));

        try (PrometheusServer prometheus = start()) {
            Target target = awaitOnlyTargetUp(prometheus);

            assertThat(target.scrapePool()).isEqualTo("podMonitor/finance/ledger/0");
            assertThat(target.labels())
                    .containsEntry("job", "finance/ledger")
                    .containsEntry("vigil_database", "ledger")
                    .containsEntry("namespace", "finance")
                    .containsEntry("pod", "ledger-0")
                    .containsEntry("container", "exporter")
                    .doesNotContainKey("service");
        }
    }

    @Test
    void leavesOutARuleThatPromtoolRefusesAndLoadsTheOthers() {
        LedgerDatabase ledger = LedgerDatabase.withServiceMonitor();
        createDatabaseObjects(ledger);

        try (PrometheusServer prometheus = start()) {
            create(
                    new PrometheusRuleBuilder()
                            .withNewMetadata()
                            .withName("broken")
                            .withNamespace("finance")
                            .endMetadata()
                            .withNewSpec()
                            .addNewGroup()
                            .withName("broken.rules")
                            .addNewRule()
                            .withAlert("NeverParses")
                            .withExpr(new IntOrString("rate(pg_up[5m]"))
                            .endRule()
                            .endGroup()
                            .endSpec()
                            .build());
            prometheus.syncNow();

            assertThat(prometheus.rejections())
                    .singleElement()
                    .satisfies(
                            rejection -> {
                                assertThat(rejection.kind()).isEqualTo("PrometheusRule");
                                assertThat(rejection.name()).isEqualTo("broken");
                                assertThat(rejection.reason()).contains("parse error");
                            });
            assertThat(prometheus.api().ruleGroups())
                    .extracting(RuleGroup::name)
                    .containsExactly("ledger.rules");
            assertThat(prometheus.api().isReady()).isTrue();
        }
    }

    private PrometheusServer start() {
        return PrometheusServer.start(
                work.resolve("prometheus"), client, PrometheusOptions.defaults());
    }

    /** Waits until Prometheus scrapes exactly one target, successfully, and returns it. */
    private static Target awaitOnlyTargetUp(PrometheusServer prometheus) {
        await().atMost(PATIENCE)
                .untilAsserted(
                        () ->
                                assertThat(prometheus.api().activeTargets())
                                        .as(() -> seenBy(prometheus))
                                        .singleElement()
                                        .matches(Target::isUp, "is up"));
        return prometheus.api().activeTargets().get(0);
    }

    private static RuleGroup onlyRuleGroup(PrometheusApi api) {
        List<RuleGroup> groups = api.ruleGroups();
        assertThat(groups).hasSize(1);
        return groups.get(0);
    }

    /** What Prometheus sees, to explain a failure. */
    private static String seenBy(PrometheusServer prometheus) {
        return "targets "
                + prometheus.api().activeTargets()
                + "\nalerts "
                + prometheus.api().alerts()
                + "\nrejected "
                + prometheus.rejections()
                + "\nlog:\n"
                + prometheus.logTail();
    }

    private void createDatabaseObjects(LedgerDatabase ledger) {
        for (Service service : ledger.services()) {
            create(service);
        }
        create(ledger.monitor());
        create(ledger.alertRules());
    }

    private void create(HasMetadata object) {
        client.resource(object).create();
    }
}
