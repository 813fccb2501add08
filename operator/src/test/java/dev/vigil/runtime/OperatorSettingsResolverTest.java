package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.resources.NetworkContext;
import dev.vigil.runtime.OperatorSettings.LogFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorSettingsResolverTest {

    @TempDir Path tempDir;

    private OperatorSettingsResolver resolver(Map<String, String> env) {
        return new OperatorSettingsResolver(env, tempDir.resolve("no-such-namespace-file"));
    }

    private static RunFlags flags(
            String namespaces,
            String concurrency,
            String leaderElection,
            String httpPort,
            String logFormat) {
        return new RunFlags(
                namespaces, concurrency, leaderElection, null, null, httpPort, logFormat, null);
    }

    @Test
    void clusterDomainComesFromTheFlagThenTheEnvironment() {
        assertThat(resolver(Map.of()).resolve(RunFlags.none()).clusterDomain())
                .isEqualTo("cluster.local");
        assertThat(
                        resolver(Map.of("VIGIL_CLUSTER_DOMAIN", "corp.internal"))
                                .resolve(RunFlags.none())
                                .clusterDomain())
                .isEqualTo("corp.internal");
        assertThatThrownBy(
                        () ->
                                resolver(Map.of())
                                        .resolve(
                                                new RunFlags(
                                                        null,
                                                        null,
                                                        null,
                                                        null,
                                                        null,
                                                        null,
                                                        null,
                                                        "not a domain")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("--cluster-domain");
    }

    @Test
    void defaultsOutsideACluster() {
        OperatorSettings settings = resolver(Map.of()).resolve(RunFlags.none());

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

        OperatorSettings settings = resolver.resolve(RunFlags.none());

        assertThat(settings.leaderElection()).isTrue();
        assertThat(settings.leaseNamespace()).isEqualTo("vigil-system");
    }

    @Test
    void insideAClusterTheNetworkPoliciesLetTheOperatorInFromThePodNamespace() throws IOException {
        Path namespaceFile = Files.writeString(tempDir.resolve("namespace"), "platform\n");
        OperatorSettingsResolver resolver =
                new OperatorSettingsResolver(
                        Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"), namespaceFile);

        OperatorSettings settings = resolver.resolve(RunFlags.none());

        assertThat(settings.network().operatorNamespace()).isEqualTo("platform");
    }

    @Test
    void outsideAClusterTheNetworkPoliciesExpectTheDefaultOperatorNamespace() {
        OperatorSettings settings = resolver(Map.of()).resolve(RunFlags.none());

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
        RunFlags flags =
                new RunFlags(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new RunFlags.NetworkFlags(
                                "app.kubernetes.io/name=vigil, app.kubernetes.io/instance=ops",
                                null,
                                null,
                                null,
                                null));

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
                        () ->
                                resolver(Map.of("VIGIL_DNS_POD_LABELS", "k8s-app"))
                                        .resolve(RunFlags.none()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("VIGIL_DNS_POD_LABELS")
                .hasMessageContaining("'k8s-app' is not a key=value label");
        assertThatThrownBy(
                        () ->
                                resolver(Map.of("VIGIL_OPERATOR_POD_LABELS", " , "))
                                        .resolve(RunFlags.none()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("VIGIL_OPERATOR_POD_LABELS")
                .hasMessageContaining("at least one key=value label");
        assertThatThrownBy(
                        () ->
                                resolver(Map.of("VIGIL_PROMETHEUS_POD_LABELS", "-bad/x=y"))
                                        .resolve(RunFlags.none()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'-bad/x' is not a label key");
        assertThatThrownBy(
                        () ->
                                resolver(Map.of("VIGIL_PROMETHEUS_POD_LABELS", "app=has space"))
                                        .resolve(RunFlags.none()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'has space' is not a label value");
    }

    @Test
    void insideAClusterWithoutANamespaceFileTheLeaseNamespaceIsLeftToTheClient() {
        OperatorSettings settings =
                resolver(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1")).resolve(RunFlags.none());

        assertThat(settings.leaderElection()).isTrue();
        assertThat(settings.leaseNamespace()).isNull();
    }

    @Test
    void leaderElectionCanBeTurnedOffInsideACluster() {
        OperatorSettings settings =
                resolver(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"))
                        .resolve(flags(null, null, "false", null, null));

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

        OperatorSettings settings = resolver(env).resolve(RunFlags.none());

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
        RunFlags flags =
                new RunFlags("team-c", "3", "true", "from-flag", "flag-ns", "0", "plain", null);

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
                        .resolve(flags("", null, null, null, null));

        assertThat(settings.watchesAllNamespaces()).isTrue();
    }

    @Test
    void namespacesListIsTrimmedAndSkipsEmptyEntries() {
        OperatorSettings settings =
                resolver(Map.of()).resolve(flags(" a ,,b,a, ", null, null, null, null));

        assertThat(settings.watchedNamespaces()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void blankEnvironmentVariablesCountAsUnset() {
        OperatorSettings settings =
                resolver(Map.of("VIGIL_HTTP_PORT", " ", "VIGIL_LOG_FORMAT", ""))
                        .resolve(RunFlags.none());

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
        assertThat(resolver(Map.of()).resolve(RunFlags.none()).httpAddress()).isNull();
        assertThat(
                        resolver(Map.of("VIGIL_HTTP_ADDRESS", " 10.1.2.3 "))
                                .resolve(RunFlags.none())
                                .httpAddress())
                .isEqualTo("10.1.2.3");
        assertThat(
                        resolver(Map.of("VIGIL_HTTP_ADDRESS", "10.1.2.3"))
                                .resolve(
                                        new RunFlags(
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                "::1",
                                                null,
                                                null,
                                                RunFlags.NetworkFlags.none()))
                                .httpAddress())
                .isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void httpAddressMustBeAnIpAddressNotAHostName() {
        assertThatThrownBy(
                        () ->
                                resolver(Map.of("VIGIL_HTTP_ADDRESS", "operator.example"))
                                        .resolve(RunFlags.none()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(
                        "Invalid value 'operator.example' for environment variable"
                                + " VIGIL_HTTP_ADDRESS: must be an IP address, such as 10.0.0.7");
        assertThatThrownBy(
                        () ->
                                resolver(Map.of("VIGIL_HTTP_ADDRESS", "10.0.0.256"))
                                        .resolve(RunFlags.none()))
                .isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void concurrencyBelowOneIsRejectedNamingTheFlag() {
        assertThatThrownBy(() -> resolver(Map.of()).resolve(flags(null, "0", null, null, null)))
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
                                        .resolve(RunFlags.none()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("environment variable VIGIL_RECONCILE_CONCURRENCY")
                .hasMessageContaining("must be an integer of at least 1");
    }

    @Test
    void portOutOfRangeIsRejectedNamingTheFlag() {
        assertThatThrownBy(() -> resolver(Map.of()).resolve(flags(null, null, null, "65536", null)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(
                        "Invalid value '65536' for --http-port: must be a port number from 0 to"
                                + " 65535");
    }

    @Test
    void nonNumericPortFromTheEnvironmentIsRejectedNamingTheVariable() {
        assertThatThrownBy(
                        () -> resolver(Map.of("VIGIL_HTTP_PORT", "http")).resolve(RunFlags.none()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("environment variable VIGIL_HTTP_PORT");
    }

    @Test
    void unknownLogFormatIsRejectedNamingTheFlag() {
        assertThatThrownBy(() -> resolver(Map.of()).resolve(flags(null, null, null, null, "xml")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid value 'xml' for --log-format: must be plain or json");
    }

    @Test
    void logFormatIsCaseInsensitive() {
        OperatorSettings settings =
                resolver(Map.of()).resolve(flags(null, null, null, null, "JSON"));

        assertThat(settings.logFormat()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void booleansOtherThanTrueOrFalseAreRejected() {
        assertThatThrownBy(
                        () ->
                                resolver(Map.of("VIGIL_LEADER_ELECTION", "yes"))
                                        .resolve(RunFlags.none()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(
                        "Invalid value 'yes' for environment variable VIGIL_LEADER_ELECTION:"
                                + " must be true or false");
    }

    @Test
    void invalidNamespaceNamesAreRejected() {
        assertThatThrownBy(
                        () ->
                                resolver(Map.of())
                                        .resolve(flags("team-a,Team_B", null, null, null, null)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("--namespaces")
                .hasMessageContaining("'Team_B' is not a namespace name");
    }

    @Test
    void invalidLeaseNameIsRejected() {
        RunFlags flags = new RunFlags(null, null, null, "Lock!", null, null, null, null);

        assertThatThrownBy(() -> resolver(Map.of()).resolve(flags))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("--lease-name");
    }
}
