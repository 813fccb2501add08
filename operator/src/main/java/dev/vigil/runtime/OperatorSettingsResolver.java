package dev.vigil.runtime;

import static dev.vigil.runtime.OperatorSettingsTable.CLUSTER_DOMAIN;
import static dev.vigil.runtime.OperatorSettingsTable.DNS_NAMESPACE;
import static dev.vigil.runtime.OperatorSettingsTable.DNS_POD_LABELS;
import static dev.vigil.runtime.OperatorSettingsTable.HTTP_ADDRESS;
import static dev.vigil.runtime.OperatorSettingsTable.HTTP_PORT;
import static dev.vigil.runtime.OperatorSettingsTable.LEADER_ELECTION;
import static dev.vigil.runtime.OperatorSettingsTable.LEASE_NAME;
import static dev.vigil.runtime.OperatorSettingsTable.LEASE_NAMESPACE;
import static dev.vigil.runtime.OperatorSettingsTable.LOG_FORMAT;
import static dev.vigil.runtime.OperatorSettingsTable.OPERATOR_POD_LABELS;
import static dev.vigil.runtime.OperatorSettingsTable.PROMETHEUS_NAMESPACE_LABELS;
import static dev.vigil.runtime.OperatorSettingsTable.PROMETHEUS_POD_LABELS;
import static dev.vigil.runtime.OperatorSettingsTable.RECONCILE_CONCURRENCY;
import static dev.vigil.runtime.OperatorSettingsTable.RUNBOOK_BASE_URL;
import static dev.vigil.runtime.OperatorSettingsTable.WATCH_NAMESPACES;

import dev.vigil.resources.NetworkContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.Utils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns the flags of {@code vigil run} and the process environment into {@link OperatorSettings},
 * setting by setting as {@link OperatorSettingsTable} declares them.
 *
 * <p>For each setting a flag wins over its environment variable, and the variable over the default.
 * A blank environment variable counts as unset, because deployment templates often render an empty
 * value for an option nobody chose. Pure apart from reading the service-account namespace file,
 * whose path is injected, so every rule can be unit tested.
 */
public final class OperatorSettingsResolver {

    /** Set by the kubelet in every pod: its presence means we run inside a cluster. */
    public static final String ENV_KUBERNETES_SERVICE_HOST = "KUBERNETES_SERVICE_HOST";

    /** Where the kubelet mounts the pod's namespace. */
    public static final Path SERVICE_ACCOUNT_NAMESPACE_FILE =
            Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

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
     * @param flags the text of each flag given on the command line; a setting whose flag was not
     *     given is absent
     * @throws InvalidSettingException naming the first flag or variable whose value is unusable
     */
    public OperatorSettings resolve(Map<Setting<?>, String> flags) {
        Values values = new Values(flags, surroundings());
        return new OperatorSettings(
                values.of(WATCH_NAMESPACES),
                values.of(RECONCILE_CONCURRENCY),
                values.of(LEADER_ELECTION),
                values.of(LEASE_NAME),
                values.of(LEASE_NAMESPACE),
                values.of(HTTP_PORT),
                values.of(HTTP_ADDRESS),
                values.of(LOG_FORMAT),
                values.of(CLUSTER_DOMAIN),
                network(values),
                values.of(RUNBOOK_BASE_URL));
    }

    /**
     * One setting: its flag, else its environment variable, else its default here.
     *
     * @param flag the text of its flag, or null when the flag was not given
     * @throws InvalidSettingException naming the flag or variable when its value is unusable
     */
    public <T> T resolve(Setting<T> setting, String flag) {
        return new Values(flag == null ? Map.of() : Map.of(setting, flag), surroundings())
                .of(setting);
    }

    /**
     * Who the databases' NetworkPolicies let in and out: the operator's pods in the pod's own
     * namespace (the default one outside a cluster), the default Prometheus and the cluster DNS.
     */
    private static NetworkContext network(Values values) {
        NetworkContext network = NetworkContext.DEFAULT;
        String namespace = values.where.podNamespace();
        if (namespace != null) {
            network = network.withOperatorNamespace(namespace);
        }
        return network.withOperatorPodLabels(values.of(OPERATOR_POD_LABELS))
                .withPrometheus(
                        values.of(PROMETHEUS_NAMESPACE_LABELS), values.of(PROMETHEUS_POD_LABELS))
                .withDns(values.of(DNS_NAMESPACE), values.of(DNS_POD_LABELS));
    }

    private Surroundings surroundings() {
        return isSet(ENV_KUBERNETES_SERVICE_HOST)
                ? Surroundings.inPod(podNamespace())
                : Surroundings.OUTSIDE_A_CLUSTER;
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

    /** The settings' values from these flags, the environment and these surroundings. */
    private final class Values {

        private final Map<Setting<?>, String> flags;
        private final Surroundings where;

        Values(Map<Setting<?>, String> flags, Surroundings where) {
            this.flags = flags;
            this.where = where;
        }

        <T> T of(Setting<T> setting) {
            String text;
            String origin;
            if (flags.get(setting) != null) {
                text = flags.get(setting);
                origin = setting.flag();
            } else if (isSet(setting.env())) {
                text = env.get(setting.env());
                origin = "environment variable " + setting.env();
            } else {
                return setting.defaultValue().in(where);
            }
            try {
                return setting.type().parse(text.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(
                        "Invalid value '" + text + "' for " + origin + ": " + e.getMessage());
            }
        }
    }
}
