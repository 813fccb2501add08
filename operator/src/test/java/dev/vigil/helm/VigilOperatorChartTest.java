package dev.vigil.helm;

import static dev.vigil.helm.OperatorContainers.env;
import static dev.vigil.helm.OperatorContainers.operatorContainer;
import static dev.vigil.helm.OperatorContainers.settingsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.vigil.monitoring.MonitoringContext;
import dev.vigil.resources.NetworkContext;
import dev.vigil.runtime.OperatorSettings;
import dev.vigil.runtime.OperatorSettingsTable;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart in {@code helm/vigil-operator}, rendered by the Helm library that helm-java embeds:
 * what each set of values installs, that its RBAC is exactly docs/operations.md's permissions
 * table, and that the operator would accept the settings the chart hands it.
 */
class VigilOperatorChartTest {

    private static final String FULLNAME = "vigil-operator";
    private static final String TWO_NAMESPACES = "watchNamespaces: [shop, billing]\n";

    @Test
    void lintPasses() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages())
                .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                TWO_NAMESPACES,
                "replicaCount: 2\n",
                "monitoring:\n  enabled: true\n",
                "rbac:\n  create: false\nserviceAccount:\n  create: false\n  name: ops\n"
            })
    void everyDocumentParsesAsItsModel(String values) {
        RenderedChart chart = RenderedChart.render(values);

        assertThat(chart.objects()).isNotEmpty();
        assertThat(chart.objects())
                .allSatisfy(
                        object -> {
                            assertThat(object).isNotInstanceOf(GenericKubernetesResource.class);
                            assertThat(object.getMetadata().getName()).isNotBlank();
                            assertThat(object.getMetadata().getLabels())
                                    .containsEntry(
                                            "app.kubernetes.io/instance", RenderedChart.RELEASE)
                                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                                    .containsEntry("helm.sh/chart", "vigil-operator-0.1.0");
                        });
        assertThat(chart.yaml()).doesNotContain("TODO");
    }

    @Test
    void defaultsInstallOneClusterWideOperatorWithoutLeaderElection() {
        RenderedChart chart = RenderedChart.defaults();

        assertThat(kinds(chart))
                .containsExactlyInAnyOrder(
                        "ServiceAccount",
                        "ClusterRole",
                        "ClusterRoleBinding",
                        "Service",
                        "Deployment");
        Deployment deployment = chart.one(Deployment.class);
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");

        Container operator = operatorContainer(deployment);
        assertThat(operator.getImage()).isEqualTo("ghcr.io/vigil-dev/vigil-operator:0.1.0");
        assertThat(operator.getArgs()).containsExactly("run");
        assertThat(env(operator)).doesNotContainKey(OperatorSettingsTable.WATCH_NAMESPACES.env());

        OperatorSettings settings = settingsOf(operator);
        assertThat(settings.watchedNamespaces()).isEmpty();
        assertThat(settings.reconcileConcurrency()).isEqualTo(5);
        assertThat(settings.leaderElection()).isFalse();
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.logFormat()).isEqualTo(OperatorSettings.LogFormat.JSON);
        assertThat(settings.clusterDomain()).isEqualTo("cluster.local");
        assertThat(env(operator)).doesNotContainKey(OperatorSettingsTable.RUNBOOK_BASE_URL.env());
        assertThat(settings.runbookBaseUrl()).isEqualTo(MonitoringContext.DEFAULT_RUNBOOK_BASE_URL);

        ServiceAccount account = chart.one(ServiceAccount.class);
        assertThat(account.getMetadata().getName()).isEqualTo(FULLNAME);
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(FULLNAME);
        ClusterRoleBinding binding = chart.one(ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName())
                .isEqualTo(chart.one(ClusterRole.class).getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(this::isTheOperatorAccount);
    }

    @Test
    void probesAndMetricsServiceUseTheOperatorsHttpPort() {
        RenderedChart chart = RenderedChart.render("httpPort: 9090\nservice:\n  port: 8443\n");
        Container operator = operatorContainer(chart.one(Deployment.class));

        assertThat(operator.getPorts())
                .singleElement()
                .satisfies(
                        port -> {
                            assertThat(port.getName()).isEqualTo("http");
                            assertThat(port.getContainerPort()).isEqualTo(9090);
                        });
        assertThat(settingsOf(operator).httpPort()).isEqualTo(9090);
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("http");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(operator.getReadinessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("http");

        Service service = chart.one(Service.class);
        assertThat(service.getSpec().getPorts())
                .singleElement()
                .satisfies(
                        port -> {
                            assertThat(port.getName()).isEqualTo("http");
                            assertThat(port.getPort()).isEqualTo(8443);
                            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
                        });
        assertThat(chart.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", TWO_NAMESPACES, "replicaCount: 3\n"})
    void theOperatorPodMeetsTheRestrictedPodSecurityStandard(String values) {
        PodSpec pod =
                RenderedChart.render(values)
                        .one(Deployment.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec();

        PodSecurityContext podContext = pod.getSecurityContext();
        assertThat(podContext.getRunAsNonRoot()).isTrue();
        assertThat(podContext.getRunAsUser()).isNotZero();
        assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
        assertThat(Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()))
                .isNotEmpty()
                .allSatisfy(
                        container -> {
                            SecurityContext context = container.getSecurityContext();
                            assertThat(context.getRunAsNonRoot()).isTrue();
                            assertThat(context.getAllowPrivilegeEscalation()).isFalse();
                            assertThat(context.getPrivileged()).isNotEqualTo(Boolean.TRUE);
                            assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
                            assertThat(context.getCapabilities().getAdd()).isEmpty();
                            assertThat(context.getSeccompProfile().getType())
                                    .isEqualTo("RuntimeDefault");
                            assertThat(context.getReadOnlyRootFilesystem()).isTrue();
                            assertThat(container.getVolumeMounts())
                                    .anySatisfy(
                                            m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
                        });
        assertThat(pod.getVolumes())
                .anySatisfy(
                        v -> {
                            assertThat(v.getName()).isEqualTo("tmp");
                            assertThat(v.getEmptyDir()).isNotNull();
                        });
    }

    @Test
    void clusterWideRbacIsExactlyThePermissionsTableButTheLease() throws IOException {
        RenderedChart chart = RenderedChart.defaults();

        assertThat(permissions(chart.all(ClusterRole.class), ClusterRole::getRules))
                .isEqualTo(withoutLeases(PermissionsTable.read()));
        assertThat(chart.all(Role.class)).isEmpty();
    }

    @Test
    void twoWatchedNamespacesGetARoleEachAndTheClusterRoleOnlyReadsCrds() throws IOException {
        RenderedChart chart = RenderedChart.render(TWO_NAMESPACES);
        Set<Permission> table = PermissionsTable.read();
        Set<Permission> clusterScoped =
                filter(table, p -> p.group().equals("apiextensions.k8s.io"));
        Set<Permission> namespaced =
                filter(withoutLeases(table), p -> !p.group().equals("apiextensions.k8s.io"));

        Container operator = operatorContainer(chart.one(Deployment.class));
        assertThat(settingsOf(operator).watchedNamespaces())
                .containsExactlyInAnyOrder("shop", "billing");

        for (String namespace : List.of("shop", "billing")) {
            Role role =
                    chart.named(Role.class, namespace, FULLNAME)
                            .orElseThrow(() -> new AssertionError("no Role in " + namespace));
            assertThat(permissions(List.of(role), Role::getRules))
                    .as(namespace)
                    .isEqualTo(namespaced);
            RoleBinding binding =
                    chart.named(RoleBinding.class, namespace, FULLNAME)
                            .orElseThrow(
                                    () -> new AssertionError("no RoleBinding in " + namespace));
            assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(binding.getRoleRef().getName()).isEqualTo(FULLNAME);
            assertThat(binding.getSubjects()).singleElement().satisfies(this::isTheOperatorAccount);
        }
        assertThat(chart.all(Role.class)).hasSize(2);
        assertThat(chart.all(Role.class))
                .extracting(r -> r.getMetadata().getNamespace())
                .doesNotContain(RenderedChart.NAMESPACE);

        assertThat(permissions(chart.all(ClusterRole.class), ClusterRole::getRules))
                .isEqualTo(clusterScoped);
        ClusterRoleBinding clusterBinding = chart.one(ClusterRoleBinding.class);
        assertThat(clusterBinding.getRoleRef().getName())
                .isEqualTo(chart.one(ClusterRole.class).getMetadata().getName());
        assertThat(clusterBinding.getSubjects())
                .singleElement()
                .satisfies(this::isTheOperatorAccount);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "replicaCount: 2\n",
                "leaderElection:\n  enabled: true\n",
                "replicaCount: 2\n" + TWO_NAMESPACES
            })
    void leaderElectionTakesALeaseInTheReleaseNamespace(String values) throws IOException {
        RenderedChart chart = RenderedChart.render(values);
        Deployment deployment = chart.one(Deployment.class);
        Container operator = operatorContainer(deployment);

        OperatorSettings settings = settingsOf(operator);
        assertThat(settings.leaderElection()).isTrue();
        assertThat(settings.leaseName()).isEqualTo("vigil-operator-lock");
        assertThat(settings.leaseNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(env(operator).get(OperatorSettingsTable.LEASE_NAMESPACE.env()).getValueFrom())
                .satisfies(
                        from ->
                                assertThat(from.getFieldRef().getFieldPath())
                                        .isEqualTo("metadata.namespace"));
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(
                        deployment
                                .getSpec()
                                .getStrategy()
                                .getRollingUpdate()
                                .getMaxUnavailable()
                                .getIntVal())
                .isZero();

        Role lease =
                chart.named(Role.class, RenderedChart.NAMESPACE, FULLNAME + "-leader-election")
                        .orElseThrow(() -> new AssertionError("no leader-election Role"));
        assertThat(permissions(List.of(lease), Role::getRules))
                .isEqualTo(filter(PermissionsTable.read(), p -> p.resource().equals("leases")));
        RoleBinding binding =
                chart.named(
                                RoleBinding.class,
                                RenderedChart.NAMESPACE,
                                FULLNAME + "-leader-election")
                        .orElseThrow(() -> new AssertionError("no leader-election RoleBinding"));
        assertThat(binding.getRoleRef().getName()).isEqualTo(FULLNAME + "-leader-election");
        assertThat(binding.getSubjects()).singleElement().satisfies(this::isTheOperatorAccount);

        // Every rule of every role, together: the whole table, nothing more.
        Set<Permission> all = new TreeSet<>(permissions(chart.all(Role.class), Role::getRules));
        all.addAll(permissions(chart.all(ClusterRole.class), ClusterRole::getRules));
        assertThat(all).isEqualTo(PermissionsTable.read());
    }

    @Test
    void replicaCountTwoRunsTwoPodsSpreadOverNodes() {
        Deployment deployment = RenderedChart.render("replicaCount: 2\n").one(Deployment.class);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(
                        deployment
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getAffinity()
                                .getPodAntiAffinity()
                                .getPreferredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(
                        term ->
                                assertThat(term.getPodAffinityTerm().getTopologyKey())
                                        .isEqualTo("kubernetes.io/hostname"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", TWO_NAMESPACES, "replicaCount: 2\n", "monitoring:\n  enabled: true\n"})
    void noRuleUsesAWildcard(String values) {
        RenderedChart chart = RenderedChart.render(values);
        List<PolicyRule> rules =
                Stream.concat(
                                chart.all(Role.class).stream().flatMap(r -> r.getRules().stream()),
                                chart.all(ClusterRole.class).stream()
                                        .flatMap(r -> r.getRules().stream()))
                        .toList();

        assertThat(rules).isNotEmpty();
        assertThat(rules)
                .allSatisfy(
                        rule -> {
                            assertThat(rule.getApiGroups()).doesNotContain("*");
                            assertThat(rule.getResources()).isNotEmpty().doesNotContain("*");
                            assertThat(rule.getVerbs()).isNotEmpty().doesNotContain("*");
                            assertThat(rule.getNonResourceURLs()).isEmpty();
                        });
    }

    @Test
    void rbacAndServiceAccountCanBeLeftToTheUser() {
        RenderedChart chart =
                RenderedChart.render(
                        "rbac:\n  create: false\nserviceAccount:\n  create: false\n  name: ops\n");

        assertThat(kinds(chart)).containsExactlyInAnyOrder("Service", "Deployment");
        assertThat(
                        chart.one(Deployment.class)
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getServiceAccountName())
                .isEqualTo("ops");
    }

    @Test
    void monitoringOffCreatesNoPrometheusObjects() {
        RenderedChart chart = RenderedChart.defaults();

        assertThat(chart.all(ServiceMonitor.class)).isEmpty();
        assertThat(chart.all(PrometheusRule.class)).isEmpty();
    }

    @Test
    void monitoringOnScrapesTheMetricsServiceAndAlertsOnTheOperator() {
        RenderedChart chart =
                RenderedChart.render(
                        "monitoring:\n"
                                + "  enabled: true\n"
                                + "  labels:\n"
                                + "    release: kube-prometheus-stack\n");
        Service service = chart.one(Service.class);

        ServiceMonitor monitor = chart.one(ServiceMonitor.class);
        assertThat(monitor.getMetadata().getLabels())
                .containsEntry("release", "kube-prometheus-stack");
        assertThat(service.getMetadata().getLabels())
                .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames())
                .containsExactly(RenderedChart.NAMESPACE);
        assertThat(monitor.getSpec().getEndpoints())
                .singleElement()
                .satisfies(
                        endpoint -> {
                            assertThat(endpoint.getPort())
                                    .isEqualTo(service.getSpec().getPorts().get(0).getName());
                            assertThat(endpoint.getPath()).isEqualTo("/metrics");
                        });

        PrometheusRule rule = chart.one(PrometheusRule.class);
        assertThat(rule.getMetadata().getLabels())
                .containsEntry("release", "kube-prometheus-stack");
        Map<String, Rule> alerts =
                rule.getSpec().getGroups().stream()
                        .flatMap(g -> g.getRules().stream())
                        .collect(Collectors.toMap(Rule::getAlert, Function.identity()));
        assertThat(alerts).containsOnlyKeys("VigilOperatorDown", "VigilReconcileErrorsRising");
        // Prometheus gives the targets of a ServiceMonitor the Service's name as job.
        String job =
                "job=\""
                        + service.getMetadata().getName()
                        + "\",namespace=\""
                        + RenderedChart.NAMESPACE
                        + "\"";
        assertThat(alerts.get("VigilOperatorDown").getExpr().getStrVal())
                .isEqualTo("absent(up{" + job + "} == 1)");
        assertThat(alerts.get("VigilReconcileErrorsRising").getExpr().getStrVal())
                .contains("rate(operator_sdk_reconciliations_failed_total{" + job + "}[10m])")
                .endsWith("> 0");
        assertThat(alerts.get("VigilOperatorDown").getLabels())
                .containsEntry("severity", "critical");
        assertThat(alerts.get("VigilReconcileErrorsRising").getLabels())
                .containsEntry("severity", "warning");
        assertThat(alerts.values())
                .allSatisfy(
                        alert -> {
                            assertThat(alert.getFor()).isNotBlank();
                            assertThat(alert.getAnnotations())
                                    .containsKeys("summary", "description");
                        });
        assertThat(alerts.get("VigilReconcileErrorsRising").getAnnotations().get("description"))
                .contains("{{ $labels.controller_name }}");
    }

    @Test
    void alertThresholdsAndSeveritiesAreValues() {
        RenderedChart chart =
                RenderedChart.render(
                        """
                        monitoring:
                          enabled: true
                          rules:
                            operatorDown: {for: 10m, severity: warning}
                            reconcileErrors: {threshold: 0.5, for: 30m, severity: critical}
                        """);
        Map<String, Rule> alerts =
                chart.one(PrometheusRule.class).getSpec().getGroups().get(0).getRules().stream()
                        .collect(Collectors.toMap(Rule::getAlert, Function.identity()));

        assertThat(alerts.get("VigilOperatorDown").getFor()).isEqualTo("10m");
        assertThat(alerts.get("VigilOperatorDown").getLabels())
                .containsEntry("severity", "warning");
        assertThat(alerts.get("VigilReconcileErrorsRising").getFor()).isEqualTo("30m");
        assertThat(alerts.get("VigilReconcileErrorsRising").getExpr().getStrVal())
                .endsWith("> 0.5");
        assertThat(alerts.get("VigilReconcileErrorsRising").getLabels())
                .containsEntry("severity", "critical");
    }

    @Test
    void valuesReachTheOperatorSettings() {
        RenderedChart chart =
                RenderedChart.render(
                        """
                        reconcileConcurrency: 12
                        logFormat: plain
                        clusterDomain: corp.example
                        runbookBaseUrl: https://wiki.example.com/sre/runbooks
                        image: {repository: registry.example/vigil, tag: "0.2.0", pullPolicy: Always}
                        extraEnv: [{name: TZ, value: UTC}]
                        """);
        Container operator = operatorContainer(chart.one(Deployment.class));

        OperatorSettings settings = settingsOf(operator);
        assertThat(settings.reconcileConcurrency()).isEqualTo(12);
        assertThat(settings.logFormat()).isEqualTo(OperatorSettings.LogFormat.PLAIN);
        assertThat(settings.clusterDomain()).isEqualTo("corp.example");
        assertThat(env(operator).get("VIGIL_RUNBOOK_BASE_URL").getValue())
                .isEqualTo("https://wiki.example.com/sre/runbooks");
        assertThat(settings.runbookBaseUrl()).isEqualTo("https://wiki.example.com/sre/runbooks/");
        assertThat(operator.getImage()).isEqualTo("registry.example/vigil:0.2.0");
        assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
        assertThat(env(operator).get("TZ").getValue()).isEqualTo("UTC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nameOverride: db-operator\n"})
    void theDatabasesNetworkPoliciesLetInThisReleasesOperatorPods(String values) {
        RenderedChart chart = RenderedChart.render(values);
        Deployment deployment = chart.one(Deployment.class);

        NetworkContext network = settingsOf(operatorContainer(deployment)).network();

        assertThat(network.operatorPodLabels())
                .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(network.operatorPodLabels());
    }

    @Test
    void prometheusAndDnsOfTheDatabasesNetworkPoliciesAreValues() {
        RenderedChart chart =
                RenderedChart.render(
                        """
                        databaseNetworkPolicies:
                          prometheus:
                            namespaceLabels: {team: observability}
                            podLabels: {app: prometheus, shard: "0"}
                          dns:
                            namespace: dns
                            podLabels: {k8s-app: node-local-dns}
                        """);

        NetworkContext network =
                settingsOf(operatorContainer(chart.one(Deployment.class))).network();

        assertThat(network.prometheusNamespaceLabels()).isEqualTo(Map.of("team", "observability"));
        assertThat(network.prometheusPodLabels())
                .isEqualTo(Map.of("app", "prometheus", "shard", "0"));
        assertThat(network.dnsNamespace()).isEqualTo("dns");
        assertThat(network.dnsPodLabels()).isEqualTo(Map.of("k8s-app", "node-local-dns"));
        assertThat(
                        settingsOf(
                                        operatorContainer(
                                                RenderedChart.defaults().one(Deployment.class)))
                                .network())
                .isEqualTo(
                        NetworkContext.DEFAULT.withOperatorPodLabels(
                                RenderedChart.defaults()
                                        .one(Deployment.class)
                                        .getSpec()
                                        .getSelector()
                                        .getMatchLabels()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "replicaCount: -1\n",
                "replicas: 2\n",
                "reconcileConcurrency: 0\n",
                "logFormat: xml\n",
                "serverSideApply: true\n",
                "watchNamespaces: [Shop]\n",
                "watchNamespaces: shop\n",
                "image:\n  pullPolicy: Sometimes\n",
                "monitoring:\n  enabled: true\n  rules:\n    operatorDown: {severity: page}\n",
                "monitoring:\n  serviceMonitor:\n    interval: often\n",
                "rbac:\n  create: true\n  aggregate: true\n",
                "databaseNetworkPolicies:\n  dns:\n    podLabels: {k8s-app: 7}\n",
                "databaseNetworkPolicies:\n  dns:\n    namespace: Kube_System\n",
                "runbookBaseUrl: wiki.example.com/runbooks/\n",
                "runbookBaseUrl: \"https://wiki.example.com/r?space=SRE\"\n",
                "runbookBaseUrl: \"https://wiki.example.com/r/#top\"\n"
            })
    void theSchemaRejectsBadValues(String values) {
        assertThatThrownBy(() -> RenderedChart.render(values))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    @Test
    void anExistingServiceAccountMustBeNamed() {
        assertThatThrownBy(() -> RenderedChart.render("serviceAccount:\n  create: false\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("serviceAccount.name is required");
    }

    private void isTheOperatorAccount(Subject subject) {
        assertThat(subject.getKind()).isEqualTo("ServiceAccount");
        assertThat(subject.getName()).isEqualTo(FULLNAME);
        assertThat(subject.getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
    }

    private static List<String> kinds(RenderedChart chart) {
        return chart.objects().stream().map(HasMetadata::getKind).toList();
    }

    private static <R> Set<Permission> permissions(
            Collection<R> roles, Function<R, List<PolicyRule>> rulesOf) {
        Set<Permission> permissions = new TreeSet<>();
        for (R role : roles) {
            for (PolicyRule rule : rulesOf.apply(role)) {
                assertThat(rule.getResourceNames()).isEmpty();
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        for (String verb : rule.getVerbs()) {
                            permissions.add(new Permission(group, resource, verb));
                        }
                    }
                }
            }
        }
        return permissions;
    }

    private static Set<Permission> withoutLeases(Set<Permission> permissions) {
        return filter(permissions, p -> !p.resource().equals("leases"));
    }

    private static Set<Permission> filter(
            Set<Permission> permissions, java.util.function.Predicate<Permission> keep) {
        return permissions.stream().filter(keep).collect(Collectors.toCollection(TreeSet::new));
    }
}
