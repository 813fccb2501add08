package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.NetworkContext;
import dev.vigil.testing.TestDatabases;
import dev.vigil.testing.network.NetworkPolicyEvaluator;
import dev.vigil.testing.network.Pod;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the rendered NetworkPolicies let through, judged by {@link NetworkPolicyEvaluator} on pods
 * labelled as the StatefulSet, the Deployment, the operator chart, kube-prometheus-stack and
 * CoreDNS label theirs.
 */
class NetworkPolicyTest {

    private static final String NAMESPACE = "shop";
    private static final BuildContext CONTEXT =
            BuildContext.of(Clock.systemUTC(), CredentialGenerator.RENDER_PLACEHOLDERS);

    private static final Map<String, Map<String, String>> NAMESPACES =
            Map.of(
                    NAMESPACE,
                    Map.of(),
                    "reporting",
                    Map.of("team", "reporting"),
                    "elsewhere",
                    Map.of(),
                    "vigil-system",
                    Map.of(),
                    "platform",
                    Map.of(),
                    "monitoring",
                    Map.of(),
                    "kube-system",
                    Map.of());

    private static final Pod ORDERS_API =
            new Pod(NAMESPACE, "orders-api", Map.of("app", "orders-api"));
    private static final Pod REPORTS = new Pod("reporting", "reports", Map.of("app", "reports"));
    private static final Pod ORDERS_API_ELSEWHERE =
            new Pod("elsewhere", "orders-api", Map.of("app", "orders-api"));
    private static final Pod WEB = new Pod(NAMESPACE, "web", Map.of("app", "web"));
    private static final Pod OPERATOR =
            new Pod(
                    "vigil-system",
                    "vigil-operator",
                    Map.of(
                            "app.kubernetes.io/name", "vigil-operator",
                            "app.kubernetes.io/instance", "vigil-operator",
                            "app.kubernetes.io/component", "operator"));
    private static final Pod PROMETHEUS =
            new Pod(
                    "monitoring",
                    "prometheus-kube-prometheus-stack-prometheus-0",
                    Map.of(
                            "app.kubernetes.io/name", "prometheus",
                            "app.kubernetes.io/managed-by", "prometheus-operator",
                            "app.kubernetes.io/instance", "kube-prometheus-stack-prometheus",
                            "prometheus", "kube-prometheus-stack-prometheus"));
    private static final Pod COREDNS =
            new Pod("kube-system", "coredns", Map.of("k8s-app", "kube-dns"));

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theAllowedClientsReachTheDatabasePort(Engine engine) {
        Rendered db = managed(engine);

        assertThat(db.allowed(ORDERS_API, db.member(0), db.port())).isTrue();
        assertThat(db.allowed(REPORTS, db.member(1), db.port())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void podsNobodyAllowedAreDeniedTheDatabase(Engine engine) {
        Rendered db = managed(engine);

        assertThat(db.allowed(ORDERS_API_ELSEWHERE, db.member(0), db.port())).isFalse();
        assertThat(db.allowed(WEB, db.member(0), db.port())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void prometheusReachesTheExporterPortButNotTheDatabasePort(Engine engine) {
        Rendered db = managed(engine);

        assertThat(db.allowed(PROMETHEUS, db.member(2), db.exporterPort())).isTrue();
        assertThat(db.allowed(PROMETHEUS, db.member(2), db.port())).isFalse();
        assertThat(db.allowed(ORDERS_API, db.member(2), db.exporterPort())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void membersReachEachOtherForReplication(Engine engine) {
        Rendered db = managed(engine);

        assertThat(db.allowed(db.member(0), db.member(1), db.port())).isTrue();
        assertThat(db.allowed(db.member(2), db.member(0), db.port())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theOperatorReachesTheDatabasePortFromItsNamespaceOnly(Engine engine) {
        Rendered db = managed(engine);
        Pod impostor = new Pod(NAMESPACE, "impostor", OPERATOR.labels());

        assertThat(db.allowed(OPERATOR, db.member(0), db.port())).isTrue();
        assertThat(db.allowed(impostor, db.member(0), db.port())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aMemberResolvesNamesAndCallsNothingElse(Engine engine) {
        Rendered db = managed(engine);

        assertThat(db.allowed(db.member(0), COREDNS, 53, "UDP")).isTrue();
        assertThat(db.allowed(db.member(0), COREDNS, 53, "TCP")).isTrue();
        assertThat(db.allowed(db.member(0), WEB, 80)).isFalse();
        assertThat(db.allowed(db.member(0), ORDERS_API, db.port())).isFalse();
        assertThat(db.allowed(db.member(0), PROMETHEUS, 9090)).isFalse();
    }

    @Test
    void theOperatorsNamespaceComesFromTheContext() {
        MonitoredDatabase database = database(Engine.PostgreSQL, "");
        BuildContext context =
                CONTEXT.withNetwork(NetworkContext.DEFAULT.withOperatorNamespace("platform"));
        Rendered db = render(database, context);
        Pod operatorInPlatform = new Pod("platform", "vigil", OPERATOR.labels());

        assertThat(db.allowed(operatorInPlatform, db.member(0), db.port())).isTrue();
        assertThat(db.allowed(OPERATOR, db.member(0), db.port())).isFalse();
    }

    @Test
    void theOperatorsPodLabelsComeFromTheContext() {
        MonitoredDatabase database = database(Engine.PostgreSQL, "");
        Map<String, String> renamed =
                Map.of("app.kubernetes.io/name", "db-operator", "app.kubernetes.io/instance", "v");
        Rendered db =
                render(
                        database,
                        CONTEXT.withNetwork(NetworkContext.DEFAULT.withOperatorPodLabels(renamed)));
        Pod renamedOperator = new Pod(OPERATOR.namespace(), "db-operator", renamed);

        assertThat(db.allowed(renamedOperator, db.member(0), db.port())).isTrue();
        assertThat(db.allowed(OPERATOR, db.member(0), db.port())).isFalse();
    }

    @Test
    void theClusterDnsComesFromTheContext() {
        MonitoredDatabase database = database(Engine.MongoDB, "");
        Pod nodeLocalDns =
                new Pod("kube-system", "node-local-dns", Map.of("k8s-app", "node-local-dns"));
        Rendered db =
                render(
                        database,
                        CONTEXT.withNetwork(
                                NetworkContext.DEFAULT.withDns(
                                        "kube-system", Map.of("k8s-app", "node-local-dns"))));

        assertThat(db.allowed(db.member(0), nodeLocalDns, 53, "UDP")).isTrue();
        assertThat(db.allowed(db.member(0), COREDNS, 53, "UDP")).isFalse();
    }

    @Test
    void aDisabledPolicyIsNotBuilt() {
        MonitoredDatabase database =
                database(
                        Engine.MongoDB,
                        """
                          network:
                            policy:
                              enabled: false
                        """);

        assertThat(DatabaseResources.desired(database, CONTEXT).resources())
                .noneMatch(NetworkPolicy.class::isInstance);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anExternalExporterIsScrapedAndCallsOnlyDnsAndTheEndpointsPort(Engine engine) {
        int endpointPort = engine == Engine.PostgreSQL ? 6432 : 27018;
        MonitoredDatabase database =
                TestDatabases.parse(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: ledger, namespace: shop, uid: 1}
                        spec:
                          engine: %s
                          version: "16.4"
                          mode: External
                          external:
                            endpoints: ["ledger.db.example.com:%d"]
                            credentialsSecretName: ledger-monitor
                        """
                                .formatted(engine, endpointPort));
        List<HasMetadata> resources = DatabaseResources.desired(database, CONTEXT).resources();
        Deployment deployment = only(resources, Deployment.class);
        Pod exporter =
                new Pod(
                        NAMESPACE,
                        "exporter",
                        deployment.getSpec().getTemplate().getMetadata().getLabels());
        NetworkPolicyEvaluator evaluator =
                new NetworkPolicyEvaluator(
                        List.of(only(resources, NetworkPolicy.class)), NAMESPACES);
        int exporterPort = DatabasePorts.exporterPort(database);

        assertThat(evaluator.allowed(PROMETHEUS, exporter, exporterPort, "TCP")).isTrue();
        assertThat(evaluator.allowed(OPERATOR, exporter, exporterPort, "TCP")).isTrue();
        assertThat(evaluator.allowed(WEB, exporter, exporterPort, "TCP")).isFalse();
        assertThat(evaluator.allowed(exporter, COREDNS, 53, "UDP")).isTrue();
        assertThat(evaluator.egressAllowed(exporter, WEB, endpointPort, "TCP")).isTrue();
        assertThat(evaluator.egressAllowed(exporter, WEB, 80, "TCP")).isFalse();
    }

    @Test
    void anExternalExporterWithAUriSecretCallsThePortsTheOperatorReadFromIt() {
        MonitoredDatabase database =
                TestDatabases.parse(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: ledger, namespace: shop, uid: 1}
                        spec:
                          engine: MongoDB
                          version: "7.0.14"
                          mode: External
                          external:
                            uriSecret: {name: ledger-uri, key: uri}
                            credentialsSecretName: ledger-monitor
                        """);
        List<HasMetadata> known =
                DatabaseResources.desired(
                                database,
                                CONTEXT.withNetwork(
                                        NetworkContext.DEFAULT.withExternalUriPorts(
                                                Set.of(27017, 27018))))
                        .resources();
        List<HasMetadata> unknown = DatabaseResources.desired(database, CONTEXT).resources();
        Pod exporter =
                new Pod(
                        NAMESPACE,
                        "exporter",
                        only(known, Deployment.class)
                                .getSpec()
                                .getTemplate()
                                .getMetadata()
                                .getLabels());
        NetworkPolicyEvaluator restricted =
                new NetworkPolicyEvaluator(List.of(only(known, NetworkPolicy.class)), NAMESPACES);
        NetworkPolicyEvaluator open =
                new NetworkPolicyEvaluator(List.of(only(unknown, NetworkPolicy.class)), NAMESPACES);

        assertThat(restricted.egressAllowed(exporter, WEB, 27018, "TCP")).isTrue();
        assertThat(restricted.egressAllowed(exporter, WEB, 80, "TCP")).isFalse();
        assertThat(open.egressAllowed(exporter, WEB, 80, "TCP")).isTrue();
    }

    /** Three members, reached by the orders API here and the reports pods of {@code reporting}. */
    private static Rendered managed(Engine engine) {
        return render(
                database(
                        engine,
                        """
                          network:
                            allowedClients:
                              - podSelector:
                                  matchLabels: {app: orders-api}
                              - namespaceSelector:
                                  matchLabels: {team: reporting}
                                podSelector:
                                  matchLabels: {app: reports}
                        """),
                CONTEXT);
    }

    private static MonitoredDatabase database(Engine engine, String extraSpec) {
        return TestDatabases.parse(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: orders, namespace: shop, uid: 1}
                spec:
                  engine: %s
                  version: "16.4"
                  replicas: 3
                %s\
                """
                        .formatted(engine, extraSpec));
    }

    private static Rendered render(MonitoredDatabase database, BuildContext context) {
        List<HasMetadata> resources = DatabaseResources.desired(database, context).resources();
        return new Rendered(
                database,
                only(resources, StatefulSet.class),
                new NetworkPolicyEvaluator(
                        List.of(only(resources, NetworkPolicy.class)), NAMESPACES));
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> resources, Class<T> kind) {
        List<T> matching = resources.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(matching).as(kind.getSimpleName()).hasSize(1);
        return matching.get(0);
    }

    /** A rendered Managed database: its member pods and what its policy allows. */
    private record Rendered(
            MonitoredDatabase database, StatefulSet statefulSet, NetworkPolicyEvaluator evaluator) {

        /** Member {@code ordinal}, labelled as the StatefulSet's template labels its pods. */
        Pod member(int ordinal) {
            return new Pod(
                    NAMESPACE,
                    statefulSet.getMetadata().getName() + "-" + ordinal,
                    statefulSet.getSpec().getTemplate().getMetadata().getLabels());
        }

        int port() {
            return DatabasePorts.database(database);
        }

        int exporterPort() {
            return DatabasePorts.exporterPort(database);
        }

        boolean allowed(Pod from, Pod to, int port) {
            return allowed(from, to, port, "TCP");
        }

        boolean allowed(Pod from, Pod to, int port, String protocol) {
            return evaluator.allowed(from, to, port, protocol);
        }
    }
}
