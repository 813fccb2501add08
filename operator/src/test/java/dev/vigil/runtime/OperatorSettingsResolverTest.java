package dev.vigil.runtime;

import static dev.vigil.runtime.OperatorSettingsTable.CLUSTER_DOMAIN;
import static dev.vigil.runtime.OperatorSettingsTable.HTTP_ADDRESS;
import static dev.vigil.runtime.OperatorSettingsTable.HTTP_PORT;
import static dev.vigil.runtime.OperatorSettingsTable.LEADER_ELECTION;
import static dev.vigil.runtime.OperatorSettingsTable.LEASE_NAME;
import static dev.vigil.runtime.OperatorSettingsTable.LEASE_NAMESPACE;
import static dev.vigil.runtime.OperatorSettingsTable.LOG_FORMAT;
import static dev.vigil.runtime.OperatorSettingsTable.OPERATOR_POD_LABELS;
import static dev.vigil.runtime.OperatorSettingsTable.RECONCILE_CONCURRENCY;
import static dev.vigil.runtime.OperatorSettingsTable.RUNBOOK_BASE_URL;
import static dev.vigil.runtime.OperatorSettingsTable.WATCH_NAMESPACES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.monitoring.MonitoringContext;
import dev.vigil.resources.NetworkContext;
import dev.vigil.runtime.OperatorSettings.LogFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OperatorSettingsResolverTest {

    @TempDir Path tempDir;

    private OperatorSettingsResolver resolver(Map<String, String> env) {
        return new OperatorSettingsResolver(env, tempDir.resolve("no-such-namespace-file"));
    }

    @Test
    void clusterDomainComesFromTheFlagThenTheEnvironment() {
        assertThat(resolver(Map.of()).resolve(Map.of()).clusterDomain()).isEqualTo("cluster.local");
        assertThat(
                        resolver(Map.of("VIGIL_CLUSTER_DOMAIN", "corp.internal"))
                                .resolve(Map.of())
                                .clusterDomain())
                .isEqualTo("corp.internal");
        assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of(CLUSTER_DOMAIN, "not a domain")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("--cluster-domain");
    }

    @Test
    void runbookBaseUrlComesFromTheFlagThenTheEnvironmentEndingWithASlash() {
        assertThat(resolver(Map.of()).resolve(Map.of()).runbookBaseUrl())
                .isEqualTo(MonitoringContext.DEFAULT_RUNBOOK_BASE_URL);
        OperatorSettingsResolver fromEnv =
                resolver(Map.of("VIGIL_RUNBOOK_BASE_URL", "https://wiki.example.com/runbooks"));
        assertThat(fromEnv.resolve(Map.of()).runbookBaseUrl())
                .isEqualTo("https://wiki.example.com/runbooks/");
        assertThat(
                        fromEnv.resolve(Map.of(RUNBOOK_BASE_URL, "https://git.example.com/sre/"))
                                .runbookBaseUrl())
                .isEqualTo("https://git.example.com/sre/");
        assertThatThrownBy(
                        () ->
                                resolver(Map.of())
                                        .resolve(
                                                Map.of(
                                                        RUNBOOK_BASE_URL,
                                                        "https://wiki.example.com/r?id=1")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(
                        "Invalid value 'https://wiki.example.com/r?id=1' for --runbook-base-url:"
                                + " must not have a query or a fragment: each alert's runbook_url"
                                + " is the base followed by <AlertName>.md");
    }

    @Test
    void defaultsOutsideACluster() {
        OperatorSettings settings = resolver(Map.of()).resolve(Map.of());

        assertThat(settings.watchedNamespaces()).isEmpty();
        assertThat(settings.watchesAllNamespaces()).isTrue();
        assertThat(settings.reconcileConcurrency()).isEqualTo(5);
        assertThat(settings.leaderElection()).isFalse();
        assertThat(settings.leaseName()).isEqualTo("vigil-operator-lock");
        assertThat(settings.leaseNamespace()).isNull();
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.logFormat()).isEqualTo(LogFormat.PLAIN);
    }

    @Test
    void insideAClusterLeaderElectionIsOnAndTheLeaseLivesInThePodNamespace() throws IOException {
        Path namespaceFile = Files.writeString(tempDir.resolve("namespace"), "vigil-system\n");
        OperatorSettingsResolver resolver =
                new OperatorSettingsResolver(
                        Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"), namespaceFile);

        OperatorSettings settings = resolver.resolve(Map.of());

        assertThat(settings.leaderElection()).isTrue();
        assertThat(settings.leaseNamespace()).isEqualTo("vigil-system");
    }

    @Test
    void insideAClusterTheNetworkPoliciesLetTheOperatorInFromThePodNamespace() throws IOException {
        Path namespaceFile = Files.writeString(tempDir.resolve("namespace"), "platform\n");
        OperatorSettingsResolver resolver =
                new OperatorSettingsResolver(
                        Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"), namespaceFile);

        OperatorSettings settings = resolver.resolve(Map.of());

        assertThat(settings.network().operatorNamespace()).isEqualTo("platform");
    }

    @Test
    void outsideAClusterTheNetworkPoliciesExpectTheDefaultOperatorNamespace() {
        OperatorSettings settings = resolver(Map.of()).resolve(Map.of());

        assertThat(settings.network()).isEqualTo(NetworkContext.DEFAULT);
    }

    @Test
    void theNetworkPeersComeFromFlagsOverEnvironmentVariables() {
        Map<String, String> env =
                Map.of(
                        "VIGIL_OPERATOR_POD_LABELS", "app.kubernetes.io/name=from-env",
                        "VIGIL_PROMETHEUS_NAMESPACE_LABELS", "team=observability",
                        "VIGIL_PROMETHEUS_POD_LABELS", "app=prom",
                        "VIGIL_DNS_NAMESPACE", "dns",
                        "VIGIL_DNS_POD_LABELS", "k8s-app=node-local-dns");
        Map<Setting<?>, String> flags =
                Map.of(
                        OPERATOR_POD_LABELS,
                        "app.kubernetes.io/name=vigil, app.kubernetes.io/instance=ops");

        NetworkContext network = resolver(env).resolve(flags).network();

        assertThat(network.operatorPodLabels())
                .containsExactly(
                        Map.entry("app.kubernetes.io/name", "vigil"),
                        Map.entry("app.kubernetes.io/instance", "ops"));
        assertThat(network.prometheusNamespaceLabels())
                .containsExactly(Map.entry("team", "observability"));
        assertThat(network.prometheusPodLabels()).containsExactly(Map.entry("app", "prom"));
        assertThat(network.dnsNamespace()).isEqualTo("dns");
        assertThat(network.dnsPodLabels()).containsExactly(Map.entry("k8s-app", "node-local-dns"));
    }

    @Test
    void aLabelFlagThatIsNotALabelIsRefusedByName() {
        assertThatThrownBy(
                        () -> resolver(Map.of("VIGIL_DNS_POD_LABELS", "k8s-app")).resolve(Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("VIGIL_DNS_POD_LABELS")
                .hasMessageContaining("'k8s-app' is not a key=value label");
        assertThatThrownBy(
                        () ->
                                resolver(Map.of("VIGIL_OPERATOR_POD_LABELS", " , "))
                                        .resolve(Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("VIGIL_OPERATOR_POD_LABELS")
                .hasMessageContaining("at least one key=value label");
        assertThatThrownBy(
                        () ->
                                resolver(Map.of("VIGIL_PROMETHEUS_POD_LABELS", "-bad/x=y"))
                                        .resolve(Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'-bad/x' is not a label key");
        assertThatThrownBy(
                        () ->
                                resolver(Map.of("VIGIL_PROMETHEUS_POD_LABELS", "app=has space"))
                                        .resolve(Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'has space' is not a label value");
    }

    @Test
    void insideAClusterWithoutANamespaceFileTheLeaseNamespaceIsLeftToTheClient() {
        OperatorSettings settings =
                resolver(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1")).resolve(Map.of());

        assertThat(settings.leaderElection()).isTrue();
        assertThat(settings.leaseNamespace()).isNull();
    }

    @Test
    void leaderElectionCanBeTurnedOffInsideACluster() {
        OperatorSettings settings =
                resolver(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"))
                        .resolve(Map.of(LEADER_ELECTION, "false"));

        assertThat(settings.leaderElection()).isFalse();
    }

    @Test
    void environmentVariablesReplaceTheDefaults() {
        Map<String, String> env =
                Map.of(
                        "VIGIL_WATCH_NAMESPACES", "team-a, team-b",
                        "VIGIL_RECONCILE_CONCURRENCY", "12",
                        "VIGIL_LEADER_ELECTION", "TRUE",
                        "VIGIL_LEASE_NAME", "vigil.lock",
                        "VIGIL_LEASE_NAMESPACE", "ops",
                        "VIGIL_HTTP_PORT", "9090",
                        "VIGIL_LOG_FORMAT", "json");

        OperatorSettings settings = resolver(env).resolve(Map.of());

        assertThat(settings)
                .isEqualTo(
                        new OperatorSettings(
                                Set.of("team-a", "team-b"),
                                12,
                                true,
                                "vigil.lock",
                                "ops",
                                9090,
                                LogFormat.JSON,
                                "cluster.local"));
    }

    @Test
    void flagsWinOverEnvironmentVariables() {
        Map<String, String> env =
                Map.of(
                        "VIGIL_WATCH_NAMESPACES", "team-a",
                        "VIGIL_RECONCILE_CONCURRENCY", "12",
                        "VIGIL_LEADER_ELECTION", "false",
                        "VIGIL_LEASE_NAME", "from-env",
                        "VIGIL_LEASE_NAMESPACE", "from-env",
                        "VIGIL_HTTP_PORT", "9090",
                        "VIGIL_LOG_FORMAT", "json");
        Map<Setting<?>, String> flags =
                Map.of(
                        WATCH_NAMESPACES, "team-c",
                        RECONCILE_CONCURRENCY, "3",
                        LEADER_ELECTION, "true",
                        LEASE_NAME, "from-flag",
                        LEASE_NAMESPACE, "flag-ns",
                        HTTP_PORT, "0",
                        LOG_FORMAT, "plain");

        OperatorSettings settings = resolver(env).resolve(flags);

        assertThat(settings)
                .isEqualTo(
                        new OperatorSettings(
                                Set.of("team-c"),
                                3,
                                true,
                                "from-flag",
                                "flag-ns",
                                0,
                                LogFormat.PLAIN,
                                "cluster.local"));
    }

    @Test
    void anEmptyNamespacesFlagMeansAllNamespacesEvenWhenTheEnvironmentNamesSome() {
        OperatorSettings settings =
                resolver(Map.of("VIGIL_WATCH_NAMESPACES", "team-a"))
                        .resolve(Map.of(WATCH_NAMESPACES, ""));

        assertThat(settings.watchesAllNamespaces()).isTrue();
    }

    @Test
    void namespacesListIsTrimmedAndSkipsEmptyEntries() {
        OperatorSettings settings =
                resolver(Map.of()).resolve(Map.of(WATCH_NAMESPACES, " a ,,b,a, "));

        assertThat(settings.watchedNamespaces()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void blankEnvironmentVariablesCountAsUnset() {
        OperatorSettings settings =
                resolver(Map.of("VIGIL_HTTP_PORT", " ", "VIGIL_LOG_FORMAT", "")).resolve(Map.of());

        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.logFormat()).isEqualTo(LogFormat.PLAIN);
    }

    @Test
    void namespaceFileIsTheOneTheKubernetesClientReads() {
        assertThat(OperatorSettingsResolver.serviceAccountNamespaceFile())
                .isEqualTo(OperatorSettingsResolver.SERVICE_ACCOUNT_NAMESPACE_FILE);
        Path elsewhere = tempDir.resolve("namespace");
        System.setProperty("kubenamespace", elsewhere.toString());
        try {
            assertThat(OperatorSettingsResolver.serviceAccountNamespaceFile()).isEqualTo(elsewhere);
        } finally {
            System.clearProperty("kubenamespace");
        }
    }

    @Test
    void httpAddressIsEveryInterfaceUnlessAnIpAddressIsGiven() {
        assertThat(resolver(Map.of()).resolve(Map.of()).httpAddress()).isNull();
        assertThat(
                        resolver(Map.of("VIGIL_HTTP_ADDRESS", " 10.1.2.3 "))
                                .resolve(Map.of())
                                .httpAddress())
                .isEqualTo("10.1.2.3");
        assertThat(
                        resolver(Map.of("VIGIL_HTTP_ADDRESS", "10.1.2.3"))
                                .resolve(Map.of(HTTP_ADDRESS, "::1"))
                                .httpAddress())
                .isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void httpAddressMustBeAnIpAddressNotAHostName() {
        assertThatThrownBy(
                        () ->
                                resolver(Map.of("VIGIL_HTTP_ADDRESS", "operator.example"))
                                        .resolve(Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(
                        "Invalid value 'operator.example' for environment variable"
                                + " VIGIL_HTTP_ADDRESS: must be an IP address, such as 10.0.0.7");
        assertThatThrownBy(
                        () ->
                                resolver(Map.of("VIGIL_HTTP_ADDRESS", "10.0.0.256"))
                                        .resolve(Map.of()))
                .isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void concurrencyBelowOneIsRejectedNamingTheFlag() {
        assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of(RECONCILE_CONCURRENCY, "0")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(
                        "Invalid value '0' for --reconcile-concurrency: must be an integer of at"
                                + " least 1");
    }

    @Test
    void nonNumericConcurrencyFromTheEnvironmentIsRejectedNamingTheVariable() {
        assertThatThrownBy(
                        () ->
                                resolver(Map.of("VIGIL_RECONCILE_CONCURRENCY", "many"))
                                        .resolve(Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("environment variable VIGIL_RECONCILE_CONCURRENCY")
                .hasMessageContaining("must be an integer of at least 1");
    }

    @Test
    void portOutOfRangeIsRejectedNamingTheFlag() {
        assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of(HTTP_PORT, "65536")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(
                        "Invalid value '65536' for --http-port: must be a port number from 0 to"
                                + " 65535");
    }

    @Test
    void nonNumericPortFromTheEnvironmentIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> resolver(Map.of("VIGIL_HTTP_PORT", "http")).resolve(Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("environment variable VIGIL_HTTP_PORT");
    }

    @Test
    void unknownLogFormatIsRejectedNamingTheFlag() {
        assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of(LOG_FORMAT, "xml")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid value 'xml' for --log-format: must be plain or json");
    }

    @Test
    void logFormatIsCaseInsensitive() {
        OperatorSettings settings = resolver(Map.of()).resolve(Map.of(LOG_FORMAT, "JSON"));

        assertThat(settings.logFormat()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void booleansOtherThanTrueOrFalseAreRejected() {
        assertThatThrownBy(() -> resolver(Map.of("VIGIL_LEADER_ELECTION", "yes")).resolve(Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(
                        "Invalid value 'yes' for environment variable VIGIL_LEADER_ELECTION:"
                                + " must be true or false");
    }

    @Test
    void invalidNamespaceNamesAreRejected() {
        assertThatThrownBy(
                        () -> resolver(Map.of()).resolve(Map.of(WATCH_NAMESPACES, "team-a,Team_B")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("--namespaces")
                .hasMessageContaining("'Team_B' is not a namespace name");
    }

    @Test
    void invalidLeaseNameIsRejected() {
        Map<Setting<?>, String> flags = Map.of(LEASE_NAME, "Lock!");

        assertThatThrownBy(() -> resolver(Map.of()).resolve(flags))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("--lease-name");
    }

    static Stream<Setting<?>> everySetting() {
        return OperatorSettingsTable.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("everySetting")
    void eachSettingIsItsDefaultUnlessItsVariableOrItsFlagIsGiven(Setting<?> setting) {
        Object example = setting.type().parse(setting.example());

        assertThat(resolver(Map.of()).resolve(setting, null))
                .isEqualTo(setting.defaultValue().in(Surroundings.OUTSIDE_A_CLUSTER));
        assertThat(resolver(Map.of(setting.env(), setting.example())).resolve(setting, null))
                .isEqualTo(example);
        // A variable the flag overrides is not even checked.
        assertThat(resolver(Map.of(setting.env(), "!")).resolve(setting, setting.example()))
                .isEqualTo(example);
    }

    @ParameterizedTest
    @MethodSource("everySetting")
    void aBadValueIsRefusedNamingTheFlagOrTheVariable(Setting<?> setting) {
        assertThatThrownBy(() -> resolver(Map.of(setting.env(), "!")).resolve(Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(
                        "Invalid value '!' for environment variable " + setting.env() + ": ");
        assertThatThrownBy(() -> resolver(Map.of()).resolve(Map.of(setting, "!")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid value '!' for " + setting.flag() + ": ");
    }

    @Test
    void variablesNoSettingDeclaresAreIgnored() {
        OperatorSettings settings =
                resolver(Map.of("VIGIL_SERVER_SIDE_APPLY", "yes", "VIGIL_REPLICAS", "!"))
                        .resolve(Map.of());

        assertThat(settings).isEqualTo(resolver(Map.of()).resolve(Map.of()));
    }
}
