package dev.vigil.runtime;

import dev.vigil.monitoring.MonitoringContext;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.NetworkContext;
import dev.vigil.runtime.OperatorSettings.LogFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of {@code vigil run}, each declared once: its flag, environment variable, syntax,
 * default, help text, an example and how the Helm chart sets it.
 *
 * <p>From this table come the options of {@code RunCommand}, what {@link OperatorSettingsResolver}
 * reads and checks, and {@code docs/reference/operator-settings.md} ({@link OperatorSettingsDoc});
 * tests hold the chart's environment and values to it. To add a setting: declare it here, add it to
 * {@link #ALL}, give {@link OperatorSettings} a component for it that the resolver fills, pass its
 * variable in the chart's Deployment and regenerate the docs.
 */
public final class OperatorSettingsTable {

    public static final Setting<Set<String>> WATCH_NAMESPACES =
            Setting.flag("--namespaces", SettingType.NAMESPACES)
                    .env("VIGIL_WATCH_NAMESPACES")
                    .does(
                            "Namespaces whose MonitoredDatabases and AlertPolicies Vigil"
                                    + " reconciles; empty for all")
                    .byDefault("all namespaces", Set.of())
                    .example("shop,billing")
                    .chart(ChartSource.value("watchNamespaces"));

    public static final Setting<Integer> RECONCILE_CONCURRENCY =
            Setting.flag("--reconcile-concurrency", SettingType.POSITIVE_INTEGER)
                    .env("VIGIL_RECONCILE_CONCURRENCY")
                    .does("Resources reconciled at once, at least 1")
                    .byDefault(5)
                    .example("12")
                    .chart(ChartSource.value("reconcileConcurrency"));

    public static final Setting<Boolean> LEADER_ELECTION =
            Setting.flag("--leader-election", SettingType.BOOLEAN)
                    .env("VIGIL_LEADER_ELECTION")
                    .does(
                            "Reconcile only while holding a Lease, so that several replicas can"
                                    + " run and one acts")
                    .byDefaultDependingOn(
                            "true inside a cluster, false outside", Surroundings::inCluster)
                    .example("false")
                    .chart(
                            ChartSource.value(
                                    "leaderElection.enabled",
                                    "on as well with replicaCount over 1"));

    public static final Setting<String> LEASE_NAME =
            Setting.flag("--lease-name", SettingType.OBJECT_NAME)
                    .env("VIGIL_LEASE_NAME")
                    .does("Name of the Lease")
                    .byDefault("vigil-operator-lock")
                    .example("vigil-billing-lock")
                    .chart(
                            ChartSource.value(
                                    "leaderElection.leaseName",
                                    "empty means the release's full name followed by -lock"));

    public static final Setting<String> LEASE_NAMESPACE =
            Setting.flag("--lease-namespace", SettingType.NAMESPACE)
                    .env("VIGIL_LEASE_NAMESPACE")
                    .does("Namespace of the Lease")
                    .byDefaultDependingOn("the pod's namespace", Surroundings::podNamespace)
                    .example("ops")
                    .chart(ChartSource.derived("the release namespace, from the pod's own"));

    public static final Setting<Integer> HTTP_PORT =
            Setting.flag("--http-port", SettingType.PORT)
                    .env("VIGIL_HTTP_PORT")
                    .does("Port of /metrics, /healthz and /readyz; 0 picks a free one")
                    .byDefault(8080)
                    .example("9090")
                    .chart(ChartSource.value("httpPort"));

    public static final Setting<String> HTTP_ADDRESS =
            Setting.flag("--http-address", SettingType.IP_ADDRESS)
                    .env("VIGIL_HTTP_ADDRESS")
                    .does("IP address the HTTP port is bound on")
                    .byDefault("every interface", null)
                    .example("10.0.0.7")
                    .chart(
                            ChartSource.notSet(
                                    "every interface, so that kubectl port-forward reaches the"
                                            + " port too"));

    public static final Setting<LogFormat> LOG_FORMAT =
            Setting.flag("--log-format", SettingType.LOG_FORMAT)
                    .env("VIGIL_LOG_FORMAT")
                    .does("Log as plain text or as one JSON object per line (logstash layout)")
                    .byDefault(LogFormat.PLAIN)
                    .example("json")
                    .chart(ChartSource.value("logFormat"));

    public static final Setting<String> CLUSTER_DOMAIN =
            Setting.flag("--cluster-domain", SettingType.DNS_DOMAIN)
                    .env("VIGIL_CLUSTER_DOMAIN")
                    .does(
                            "The cluster's DNS domain, in the members' stable addresses"
                                    + " (catalog-0.catalog-members.shop.svc.<domain>)")
                    .byDefault(ResourceNames.DEFAULT_CLUSTER_DOMAIN)
                    .example("corp.example")
                    .chart(ChartSource.value("clusterDomain"));

    public static final Setting<Map<String, String>> OPERATOR_POD_LABELS =
            Setting.flag("--operator-pod-labels", SettingType.LABELS)
                    .env("VIGIL_OPERATOR_POD_LABELS")
                    .does(
                            "Labels of the operator's own pods, which every database's"
                                    + " NetworkPolicy lets in")
                    .byDefault(NetworkContext.DEFAULT.operatorPodLabels())
                    .example("app.kubernetes.io/name=vigil,app.kubernetes.io/instance=ops")
                    .chart(ChartSource.derived("the selector labels of the release's pods"));

    public static final Setting<Map<String, String>> PROMETHEUS_NAMESPACE_LABELS =
            Setting.flag("--prometheus-namespace-labels", SettingType.LABELS)
                    .env("VIGIL_PROMETHEUS_NAMESPACE_LABELS")
                    .does(
                            "Labels of the namespace of the Prometheus let in on the exporter"
                                    + " port of databases whose spec.network.prometheus is unset")
                    .byDefault(NetworkContext.DEFAULT.prometheusNamespaceLabels())
                    .example("team=observability")
                    .chart(ChartSource.value("databaseNetworkPolicies.prometheus.namespaceLabels"));

    public static final Setting<Map<String, String>> PROMETHEUS_POD_LABELS =
            Setting.flag("--prometheus-pod-labels", SettingType.LABELS)
                    .env("VIGIL_PROMETHEUS_POD_LABELS")
                    .does("Labels of that Prometheus's pods")
                    .byDefault(NetworkContext.DEFAULT.prometheusPodLabels())
                    .example("app=prometheus,shard=0")
                    .chart(ChartSource.value("databaseNetworkPolicies.prometheus.podLabels"));

    public static final Setting<String> DNS_NAMESPACE =
            Setting.flag("--dns-namespace", SettingType.NAMESPACE)
                    .env("VIGIL_DNS_NAMESPACE")
                    .does("Namespace of the cluster DNS, which the members may query")
                    .byDefault(NetworkContext.DEFAULT.dnsNamespace())
                    .example("dns")
                    .chart(ChartSource.value("databaseNetworkPolicies.dns.namespace"));

    public static final Setting<Map<String, String>> DNS_POD_LABELS =
            Setting.flag("--dns-pod-labels", SettingType.LABELS)
                    .env("VIGIL_DNS_POD_LABELS")
                    .does("Labels of the cluster DNS pods")
                    .byDefault(NetworkContext.DEFAULT.dnsPodLabels())
                    .example("k8s-app=node-local-dns")
                    .chart(ChartSource.value("databaseNetworkPolicies.dns.podLabels"));

    public static final Setting<String> RUNBOOK_BASE_URL =
            Setting.flag("--runbook-base-url", SettingType.BASE_URL)
                    .env("VIGIL_RUNBOOK_BASE_URL")
                    .does(
                            "Where the runbooks of the default alerts are published: each alert's"
                                    + " runbook_url is this base followed by <AlertName>.md. An"
                                    + " absolute http or https URL without query or fragment; a"
                                    + " missing final / is added")
                    .byDefault(MonitoringContext.DEFAULT_RUNBOOK_BASE_URL)
                    .example("https://wiki.example.com/sre/vigil-runbooks/")
                    .chart(
                            ChartSource.value(
                                    "runbookBaseUrl", "empty means the operator's default"));

    /** Every setting, in the order of the docs. */
    public static final List<Setting<?>> ALL =
            List.of(
                    WATCH_NAMESPACES,
                    RECONCILE_CONCURRENCY,
                    LEADER_ELECTION,
                    LEASE_NAME,
                    LEASE_NAMESPACE,
                    CLUSTER_DOMAIN,
                    HTTP_PORT,
                    HTTP_ADDRESS,
                    LOG_FORMAT,
                    OPERATOR_POD_LABELS,
                    PROMETHEUS_NAMESPACE_LABELS,
                    PROMETHEUS_POD_LABELS,
                    DNS_NAMESPACE,
                    DNS_POD_LABELS,
                    RUNBOOK_BASE_URL);

    private OperatorSettingsTable() {}
}
