package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.monitoring.MonitoringContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RenderCommandTest {

    private static final Path REPLICA_SET =
            ValidateCommandTest.EXAMPLES.resolve("mongodb-replicaset.yaml");
    private static final Pattern SECRET_VALUE_LINE =
            Pattern.compile("^\\s+(password|keyfile): (.*)$");

    @TempDir Path tmp;

    /** Every example: each renders into objects, AlertPolicies into their AlertmanagerConfig. */
    static List<Path> examples() throws IOException {
        return ValidateCommandTest.examples().toList();
    }

    @Test
    void theExamplesRenderTheirMonitorsRulesDashboardsAndRouting() {
        CliRun run = CliRun.of("render", "-f", "../examples");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> kinds =
                objects(run.out()).stream()
                        .map(o -> o.getKind() + "/" + o.getMetadata().getName())
                        .toList();
        assertThat(kinds)
                .contains(
                        "ServiceMonitor/catalog",
                        "PrometheusRule/catalog-alerts",
                        "ConfigMap/catalog-dashboard",
                        "PrometheusRule/ledger-alerts",
                        "AlertmanagerConfig/oncall-routing");
        // The on-call policy selects catalog by name: its custom rule is in catalog's rules only.
        String catalogRules =
                documents(run.out()).stream()
                        .filter(d -> d.contains("kind: \"PrometheusRule\""))
                        .filter(d -> d.contains("name: \"catalog-alerts\""))
                        .findFirst()
                        .orElseThrow();
        assertThat(catalogRules).contains("MongoDBDeleteStorm");
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rendered documents, each without its separator, in output order. */
    private static List<String> documents(String output) {
        assertThat(output).startsWith("---\n");
        return Arrays.stream(output.substring(4).split("\n---\n")).toList();
    }

    private static List<HasMetadata> objects(String output) {
        return documents(output).stream()
                .map(document -> (HasMetadata) Serialization.unmarshal(document))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleRendersIntoKubernetesObjects(Path example) {
        CliRun run = CliRun.of("render", "-f", example.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        if (!readString(example).contains("kind: MonitoredDatabase")) {
            // A policy alone routes for no database: it says so and renders nothing.
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("selects no MonitoredDatabase among the inputs");
            return;
        }
        List<HasMetadata> objects = objects(run.out());
        assertThat(objects).isNotEmpty();
        assertThat(objects)
                .allSatisfy(
                        object -> {
                            assertThat(object.getApiVersion()).isNotBlank();
                            assertThat(object.getMetadata().getName()).isNotBlank();
                            assertThat(object.getMetadata().getNamespace()).isEqualTo("default");
                        });
    }

    @Test
    void theReplicaSetExampleGivesEveryObjectOfTheDatabase() {
        CliRun run = CliRun.of("render", "-f", REPLICA_SET.toString(), "-n", "shop");

        assertThat(run.exitCode()).isZero();
        List<HasMetadata> objects = objects(run.out());
        assertThat(objects)
                .extracting(object -> object.getKind() + "/" + object.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "Secret/catalog-admin",
                        "Secret/catalog-monitoring",
                        "Secret/catalog-keyfile",
                        "ServiceAccount/catalog",
                        "ConfigMap/catalog-config",
                        "Service/catalog",
                        "Service/catalog-members",
                        "Service/catalog-metrics",
                        "NetworkPolicy/catalog-network",
                        "StatefulSet/catalog",
                        "PodDisruptionBudget/catalog",
                        "ConfigMap/catalog-dashboard",
                        "ServiceMonitor/catalog",
                        "PrometheusRule/catalog-alerts");
        assertThat(objects)
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("shop"));
        StatefulSet statefulSet =
                objects.stream()
                        .filter(StatefulSet.class::isInstance)
                        .map(StatefulSet.class::cast)
                        .findFirst()
                        .orElseThrow();
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(3);
        assertThat(
                        statefulSet
                                .getSpec()
                                .getVolumeClaimTemplates()
                                .get(0)
                                .getSpec()
                                .getResources()
                                .getRequests())
                .containsKey("storage")
                .extractingByKey("storage")
                .hasToString("20Gi");
        assertThat(
                        objects.stream()
                                .filter(Service.class::isInstance)
                                .map(Service.class::cast)
                                .filter(s -> s.getMetadata().getName().equals("catalog-members"))
                                .findFirst()
                                .orElseThrow()
                                .getSpec()
                                .getClusterIP())
                .isEqualTo("None");
    }

    @Test
    void eachDocumentNamesItsSourceLikeHelmTemplate() {
        CliRun run = CliRun.of("render", "-f", REPLICA_SET.toString());

        assertThat(documents(run.out()))
                .hasSize(14)
                .allSatisfy(
                        document ->
                                assertThat(document)
                                        .startsWith(
                                                "# Source: "
                                                        + REPLICA_SET
                                                        + " MonitoredDatabase/catalog\n"
                                                        + "apiVersion: "));
    }

    @Test
    void secretValuesAreThePlaceholderNeverAGeneratedSecret() throws IOException {
        CliRun run = CliRun.of(ValidateCommandTest.everyExample("render"));

        List<Secret> secrets =
                objects(run.out()).stream()
                        .filter(Secret.class::isInstance)
                        .map(Secret.class::cast)
                        .toList();
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(6);
        assertThat(secrets)
                .allSatisfy(
                        secret -> {
                            assertThat(secret.getData()).isNullOrEmpty();
                            Map<String, String> values = secret.getStringData();
                            values.forEach(
                                    (key, value) -> {
                                        if (!key.equals("username")) {
                                            assertThat(value)
                                                    .as(
                                                            "%s of %s",
                                                            key, secret.getMetadata().getName())
                                                    .isEqualTo(
                                                            CredentialGenerator
                                                                    .GENERATED_AT_RUN_TIME);
                                        }
                                    });
                        });
        List<String> secretLines =
                run.out()
                        .lines()
                        .filter(line -> SECRET_VALUE_LINE.matcher(line).matches())
                        .toList();
        assertThat(secretLines).isNotEmpty();
        assertThat(secretLines)
                .allSatisfy(
                        line -> {
                            Matcher matcher = SECRET_VALUE_LINE.matcher(line);
                            assertThat(matcher.matches()).isTrue();
                            assertThat(matcher.group(2))
                                    .isEqualTo(
                                            "\""
                                                    + CredentialGenerator.GENERATED_AT_RUN_TIME
                                                    + "\"");
                        });
    }

    @Test
    void theReadyMadeAnalysesAreListedWithTheirQueriesScopedToTheNamespace() {
        CliRun run = CliRun.of("render", "-f", "../examples/mongodb-analysis.yaml", "-n", "shop");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String first = documents(run.out()).get(0);
        assertThat(first)
                .startsWith(
                        "# Source: ../examples/mongodb-analysis.yaml MonitoredDatabase/carts\n"
                                + "# The health gate's analyses, which the operator queries (not"
                                + " an object):\n"
                                + "#   health-check-failures: every 30s, failureLimit 2, window"
                                + " 2m\n#     query: min_over_time((1 - avg(kube_pod_status_ready{"
                                + "namespace=\"shop\", pod=~\"$(pods)\", condition=\"true\"}))")
                .contains(
                        "#   connection-failures: every 30s, failureLimit 1, window 1m\n"
                                + "#     query: min_over_time((1 - avg(mongodb_up{"
                                + "namespace=\"shop\", vigil_database=\"carts\","
                                + " pod=~\"$(pods)\"}))[1m:15s])\n"
                                + "#     successCondition: result <= 0.1\n");
        // Comments only: the objects are the same as without the analyses.
        assertThat(objects(run.out())).noneMatch(o -> o.getKind() == null);
    }

    @Test
    void aResourceWithItsOwnNamespaceKeepsIt() throws IOException {
        Path file =
                Files.writeString(
                        tmp.resolve("db.yaml"),
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: orders, namespace: billing}
                        spec: {engine: MongoDB, version: "7.0.14"}
                        """);

        CliRun run = CliRun.of("render", "-f", file.toString(), "-n", "shop");

        assertThat(objects(run.out()))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("billing"));
    }

    @Test
    void anInvalidResourceIsReportedAsByValidateAndNothingIsRendered() throws IOException {
        Path file =
                Files.writeString(
                        tmp.resolve("two.yaml"),
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: orders}
                        spec: {engine: MongoDB, version: "7.0.14"}
                        ---
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog}
                        spec: {engine: MongoDB, version: "7.0.14", replicas: 9}
                        """);

        CliRun render = CliRun.of("render", "-f", file.toString());
        CliRun validate = CliRun.of("validate", "-f", file.toString());

        assertThat(render.exitCode()).isEqualTo(1);
        assertThat(render.out())
                .isEqualTo(file + ": MonitoredDatabase/catalog: spec.replicas: must be at most 7\n")
                .isEqualTo(validate.out());
    }

    @Test
    void everyDefaultAlertLinksItsRunbookUnderTheGivenBase() {
        CliRun run =
                CliRun.of(
                        "render",
                        "-f",
                        "../examples",
                        "--runbook-base-url",
                        "https://wiki.example.com/sre/runbooks");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> runbooks =
                run.out()
                        .lines()
                        .map(String::trim)
                        .filter(line -> line.startsWith("runbook_url: "))
                        .toList();
        assertThat(runbooks)
                .hasSizeGreaterThan(20)
                .allSatisfy(
                        line ->
                                assertThat(line)
                                        .matches(
                                                "runbook_url: \"https://wiki\\.example\\.com/sre/"
                                                        + "runbooks/[A-Za-z]+\\.md\""))
                .contains("runbook_url: \"https://wiki.example.com/sre/runbooks/MongoDBDown.md\"");
        assertThat(run.out()).doesNotContain(MonitoringContext.DEFAULT_RUNBOOK_BASE_URL);
    }

    @Test
    void aRunbookBaseThatIsNotAnHttpUrlIsBadUsage() {
        CliRun run =
                CliRun.of(
                        "render",
                        "-f",
                        REPLICA_SET.toString(),
                        "--runbook-base-url",
                        "wiki.example.com/runbooks");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("--runbook-base-url")
                .contains("must be an absolute http or https URL");
    }

    @Test
    void anUnreadableInputExitsWithTwo() {
        CliRun run = CliRun.of("render", "-f", tmp.resolve("missing.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("missing.yaml: no such file or directory");
    }

    @Test
    void inputWithoutMonitoredDatabasesRendersNothing() throws IOException {
        Path file =
                Files.writeString(
                        tmp.resolve("other.yaml"),
                        """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings}
                        """);

        CliRun run = CliRun.of("render", "-f", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no MonitoredDatabase or AlertPolicy found");
    }
}
