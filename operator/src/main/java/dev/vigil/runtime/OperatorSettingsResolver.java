package dev.vigil.runtime;

import dev.vigil.resources.NetworkContext;
import dev.vigil.runtime.OperatorSettings.LogFormat;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.Utils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the flags of {@code vigil run} and the process environment into {@link OperatorSettings}.
 *
 * <p>For each setting a flag wins over its environment variable, and the variable over the default.
 * A blank environment variable counts as unset, because deployment templates often render an empty
 * value for an option nobody chose. Pure apart from reading the service-account namespace file,
 * whose path is injected, so every rule can be unit tested.
 */
public final class OperatorSettingsResolver {

    public static final String ENV_WATCH_NAMESPACES = "VIGIL_WATCH_NAMESPACES";
    public static final String ENV_RECONCILE_CONCURRENCY = "VIGIL_RECONCILE_CONCURRENCY";
    public static final String ENV_LEADER_ELECTION = "VIGIL_LEADER_ELECTION";
    public static final String ENV_LEASE_NAME = "VIGIL_LEASE_NAME";
    public static final String ENV_LEASE_NAMESPACE = "VIGIL_LEASE_NAMESPACE";
    public static final String ENV_HTTP_PORT = "VIGIL_HTTP_PORT";
    public static final String ENV_HTTP_ADDRESS = "VIGIL_HTTP_ADDRESS";
    public static final String ENV_LOG_FORMAT = "VIGIL_LOG_FORMAT";
    public static final String ENV_CLUSTER_DOMAIN = "VIGIL_CLUSTER_DOMAIN";
    public static final String ENV_OPERATOR_POD_LABELS = "VIGIL_OPERATOR_POD_LABELS";
    public static final String ENV_PROMETHEUS_NAMESPACE_LABELS =
            "VIGIL_PROMETHEUS_NAMESPACE_LABELS";
    public static final String ENV_PROMETHEUS_POD_LABELS = "VIGIL_PROMETHEUS_POD_LABELS";
    public static final String ENV_DNS_NAMESPACE = "VIGIL_DNS_NAMESPACE";
    public static final String ENV_DNS_POD_LABELS = "VIGIL_DNS_POD_LABELS";

    /** Set by the kubelet in every pod: its presence means we run inside a cluster. */
    public static final String ENV_KUBERNETES_SERVICE_HOST = "KUBERNETES_SERVICE_HOST";

    /** Where the kubelet mounts the pod's namespace. */
    public static final Path SERVICE_ACCOUNT_NAMESPACE_FILE =
            Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    public static final int DEFAULT_RECONCILE_CONCURRENCY = 5;
    public static final String DEFAULT_LEASE_NAME = "vigil-operator-lock";
    public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";
    private static final Pattern CLUSTER_DOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    public static final int DEFAULT_HTTP_PORT = 8080;

    // RFC 1123 label (namespaces) and subdomain (Lease names), as the API server checks them.
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int DNS_SUBDOMAIN_MAX_LENGTH = 253;
    // Only digits, dots and hex colons: InetAddress then parses without a DNS lookup.
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f]*:[0-9A-Fa-f:.]*");

    private final Map<String, String> env;
    private final Path serviceAccountNamespaceFile;

    /**
     * @param env the process environment (or a test's stand-in)
     * @param serviceAccountNamespaceFile the file holding the pod's namespace when in a cluster
     */
    public OperatorSettingsResolver(Map<String, String> env, Path serviceAccountNamespaceFile) {
        this.env = Map.copyOf(env);
        this.serviceAccountNamespaceFile = serviceAccountNamespaceFile;
    }

    /**
     * A resolver over this process's environment and the namespace file the Kubernetes client
     * reads: the standard service-account mount, unless fabric8's {@code kubenamespace} system
     * property or {@code KUBENAMESPACE} variable names another, so that the client and the operator
     * never disagree about the pod's namespace.
     */
    public static OperatorSettingsResolver fromProcessEnvironment() {
        return new OperatorSettingsResolver(System.getenv(), serviceAccountNamespaceFile());
    }

    /** The file the Kubernetes client reads the pod's namespace from. */
    static Path serviceAccountNamespaceFile() {
        return Path.of(
                Utils.getSystemPropertyOrEnvVar(
                        Config.KUBERNETES_NAMESPACE_FILE,
                        SERVICE_ACCOUNT_NAMESPACE_FILE.toString()));
    }

    /**
     * Resolves every setting.
     *
     * @throws InvalidSettingException naming the first flag or variable whose value is unusable
     */
    public OperatorSettings resolve(RunFlags flags) {
        boolean inCluster = isSet(ENV_KUBERNETES_SERVICE_HOST);
        return new OperatorSettings(
                resolve(
                        flags.namespaces(),
                        "--namespaces",
                        ENV_WATCH_NAMESPACES,
                        Set.of(),
                        OperatorSettingsResolver::parseNamespaces),
                resolve(
                        flags.reconcileConcurrency(),
                        "--reconcile-concurrency",
                        ENV_RECONCILE_CONCURRENCY,
                        DEFAULT_RECONCILE_CONCURRENCY,
                        OperatorSettingsResolver::parseConcurrency),
                resolve(
                        flags.leaderElection(),
                        "--leader-election",
                        ENV_LEADER_ELECTION,
                        inCluster,
                        OperatorSettingsResolver::parseBoolean),
                resolve(
                        flags.leaseName(),
                        "--lease-name",
                        ENV_LEASE_NAME,
                        DEFAULT_LEASE_NAME,
                        OperatorSettingsResolver::parseLeaseName),
                resolve(
                        flags.leaseNamespace(),
                        "--lease-namespace",
                        ENV_LEASE_NAMESPACE,
                        inCluster ? podNamespace() : null,
                        OperatorSettingsResolver::parseNamespace),
                resolve(
                        flags.httpPort(),
                        "--http-port",
                        ENV_HTTP_PORT,
                        DEFAULT_HTTP_PORT,
                        OperatorSettingsResolver::parsePort),
                resolve(
                        flags.httpAddress(),
                        "--http-address",
                        ENV_HTTP_ADDRESS,
                        null,
                        OperatorSettingsResolver::parseIpAddress),
                resolve(
                        flags.logFormat(),
                        "--log-format",
                        ENV_LOG_FORMAT,
                        LogFormat.PLAIN,
                        OperatorSettingsResolver::parseLogFormat),
                resolve(
                        flags.clusterDomain(),
                        "--cluster-domain",
                        ENV_CLUSTER_DOMAIN,
                        DEFAULT_CLUSTER_DOMAIN,
                        OperatorSettingsResolver::parseClusterDomain),
                network(flags.network(), inCluster));
    }

    /**
     * Who the databases' NetworkPolicies let in and out: the operator's pods in the pod's own
     * namespace (the default one outside a cluster), then each flag or variable over the default.
     */
    private NetworkContext network(RunFlags.NetworkFlags flags, boolean inCluster) {
        NetworkContext network = NetworkContext.DEFAULT;
        String namespace = inCluster ? podNamespace() : null;
        if (namespace != null) {
            network = network.withOperatorNamespace(namespace);
        }
        return network.withOperatorPodLabels(
                        resolve(
                                flags.operatorPodLabels(),
                                "--operator-pod-labels",
                                ENV_OPERATOR_POD_LABELS,
                                network.operatorPodLabels(),
                                LabelList::parse))
                .withPrometheus(
                        resolve(
                                flags.prometheusNamespaceLabels(),
                                "--prometheus-namespace-labels",
                                ENV_PROMETHEUS_NAMESPACE_LABELS,
                                network.prometheusNamespaceLabels(),
                                LabelList::parse),
                        resolve(
                                flags.prometheusPodLabels(),
                                "--prometheus-pod-labels",
                                ENV_PROMETHEUS_POD_LABELS,
                                network.prometheusPodLabels(),
                                LabelList::parse))
                .withDns(
                        resolve(
                                flags.dnsNamespace(),
                                "--dns-namespace",
                                ENV_DNS_NAMESPACE,
                                network.dnsNamespace(),
                                OperatorSettingsResolver::parseNamespace),
                        resolve(
                                flags.dnsPodLabels(),
                                "--dns-pod-labels",
                                ENV_DNS_POD_LABELS,
                                network.dnsPodLabels(),
                                LabelList::parse));
    }

    private static String parseClusterDomain(String text) {
        String domain = text.trim();
        if (!CLUSTER_DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException(
                    "must be a DNS domain such as cluster.local, got \"" + text + "\"");
        }
        return domain;
    }

    private <T> T resolve(
            String flagValue,
            String flagName,
            String envName,
            T defaultValue,
            Function<String, T> parser) {
        String text;
        String origin;
        if (flagValue != null) {
            text = flagValue;
            origin = flagName;
        } else if (isSet(envName)) {
            text = env.get(envName);
            origin = "environment variable " + envName;
        } else {
            return defaultValue;
        }
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(
                    "Invalid value '" + text + "' for " + origin + ": " + e.getMessage());
        }
    }

    private boolean isSet(String envName) {
        String value = env.get(envName);
        return value != null && !value.isBlank();
    }

    /** The pod's namespace, or null so that JOSDK falls back to the client's namespace. */
    private String podNamespace() {
        try {
            String namespace =
                    Files.readString(serviceAccountNamespaceFile, StandardCharsets.UTF_8).trim();
            return namespace.isEmpty() ? null : namespace;
        } catch (IOException e) {
            return null;
        }
    }

    private static Set<String> parseNamespaces(String text) {
        Set<String> namespaces = new LinkedHashSet<>();
        Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(OperatorSettingsResolver::parseNamespace)
                .forEach(namespaces::add);
        return namespaces;
    }

    private static String parseNamespace(String text) {
        if (!DNS_LABEL.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' is not a namespace name (lowercase letters, digits and '-',"
                            + " at most 63 characters)");
        }
        return text;
    }

    private static String parseLeaseName(String text) {
        if (text.length() > DNS_SUBDOMAIN_MAX_LENGTH || !DNS_SUBDOMAIN.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "not a valid object name (lowercase letters, digits, '-' and '.',"
                            + " at most 253 characters)");
        }
        return text;
    }

    private static boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static int parseConcurrency(String text) {
        int value = parseInteger(text, "must be an integer of at least 1");
        if (value < 1) {
            throw new IllegalArgumentException("must be an integer of at least 1");
        }
        return value;
    }

    private static int parsePort(String text) {
        int value = parseInteger(text, "must be a port number from 0 to 65535");
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("must be a port number from 0 to 65535");
        }
        return value;
    }

    /** An IPv4 or IPv6 literal; a host name is refused rather than looked up. */
    private static String parseIpAddress(String text) {
        boolean ipv4 = IPV4_LITERAL.matcher(text).matches();
        if ((!ipv4 && !IPV6_LITERAL.matcher(text).matches())
                || (ipv4
                        && Arrays.stream(text.split("\\."))
                                .anyMatch(o -> Integer.parseInt(o) > 255))) {
            throw new IllegalArgumentException("must be an IP address, such as 10.0.0.7");
        }
        try {
            return InetAddress.getByName(text).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("must be an IP address, such as 10.0.0.7", e);
        }
    }

    private static int parseInteger(String text, String requirement) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(requirement, e);
        }
    }

    private static LogFormat parseLogFormat(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "plain" -> LogFormat.PLAIN;
            case "json" -> LogFormat.JSON;
            default -> throw new IllegalArgumentException("must be plain or json");
        };
    }
}
