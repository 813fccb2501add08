package dev.vigil.e2e.prometheus;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code relabel_configs} prometheus-operator generates for one endpoint of a ServiceMonitor or
 * PodMonitor, in its order: keep the targets of the selected Services (or Pods) and port, drop
 * finished pods, write the default target labels ({@code namespace}, {@code service}, {@code pod},
 * {@code container}, {@code job}, {@code endpoint}, plus {@code targetLabels} and {@code
 * podTargetLabels}), then the monitor's own {@code relabelings}. Pure; each relabeling is a map in
 * Prometheus's configuration keys.
 *
 * <p>Not generated: the sharding rules (one shard here) and the enforced namespace label (not
 * configured here).
 */
final class OperatorRelabelings {

    private static final String SERVICE_META = "__meta_kubernetes_service_";
    private static final String POD_META = "__meta_kubernetes_pod_";

    private OperatorRelabelings() {}

    /** The relabelings of {@code endpoint} of {@code monitor}. */
    static List<Map<String, Object>> serviceMonitor(ServiceMonitor monitor, Endpoint endpoint) {
        List<Map<String, Object>> relabelings = new ArrayList<>();
        relabelings.add(jobNameToTmp());
        relabelings.addAll(selection(SERVICE_META, monitor.getSpec().getSelector()));
        if (isSet(endpoint.getPort())) {
            relabelings.add(keep("__meta_kubernetes_endpoint_port_name", endpoint.getPort()));
        } else {
            relabelings.addAll(targetPortSelection(endpoint.getTargetPort()));
        }
        if (!Boolean.FALSE.equals(endpoint.getFilterRunning())) {
            relabelings.add(dropFinishedPods());
        }
        List<String> targetKind =
                List.of(
                        "__meta_kubernetes_endpoint_address_target_kind",
                        "__meta_kubernetes_endpoint_address_target_name");
        relabelings.add(copy(targetKind, ";", "Node;(.*)", "${1}", "node"));
        relabelings.add(copy(targetKind, ";", "Pod;(.*)", "${1}", "pod"));
        relabelings.add(copy("__meta_kubernetes_namespace", "namespace"));
        relabelings.add(copy(SERVICE_META + "name", "service"));
        relabelings.add(copy(POD_META + "name", "pod"));
        relabelings.add(copy(POD_META + "container_name", "container"));
        for (String label : orEmpty(monitor.getSpec().getTargetLabels())) {
            relabelings.add(copyIfSet(SERVICE_META + "label_" + LabelNames.sanitize(label), label));
        }
        for (String label : orEmpty(monitor.getSpec().getPodTargetLabels())) {
            relabelings.add(copyIfSet(POD_META + "label_" + LabelNames.sanitize(label), label));
        }
        Map<String, Object> job = copy(SERVICE_META + "name", "job");
        job.put("replacement", "${1}");
        relabelings.add(job);
        if (isSet(monitor.getSpec().getJobLabel())) {
            relabelings.add(
                    copyIfSet(
                            SERVICE_META
                                    + "label_"
                                    + LabelNames.sanitize(monitor.getSpec().getJobLabel()),
                            "job"));
        }
        endpointLabel(endpoint.getPort(), endpoint.getTargetPort()).ifPresent(relabelings::add);
        relabelings.addAll(translate(endpoint.getRelabelings()));
        return relabelings;
    }

    /** The relabelings of {@code endpoint} of {@code monitor}. */
    static List<Map<String, Object>> podMonitor(PodMonitor monitor, PodMetricsEndpoint endpoint) {
        List<Map<String, Object>> relabelings = new ArrayList<>();
        relabelings.add(jobNameToTmp());
        relabelings.addAll(selection(POD_META, monitor.getSpec().getSelector()));
        if (isSet(endpoint.getPort())) {
            relabelings.add(keep(POD_META + "container_port_name", endpoint.getPort()));
        } else if (endpoint.getPortNumber() != null) {
            relabelings.add(
                    keep(POD_META + "container_port_number", endpoint.getPortNumber().toString()));
        } else {
            relabelings.addAll(targetPortSelection(endpoint.getTargetPort()));
        }
        if (!Boolean.FALSE.equals(endpoint.getFilterRunning())) {
            relabelings.add(dropFinishedPods());
        }
        relabelings.add(copy("__meta_kubernetes_namespace", "namespace"));
        relabelings.add(copy(POD_META + "container_name", "container"));
        relabelings.add(copy(POD_META + "name", "pod"));
        for (String label : orEmpty(monitor.getSpec().getPodTargetLabels())) {
            relabelings.add(copyIfSet(POD_META + "label_" + LabelNames.sanitize(label), label));
        }
        relabelings.add(
                set(
                        "job",
                        monitor.getMetadata().getNamespace()
                                + "/"
                                + monitor.getMetadata().getName()));
        if (isSet(monitor.getSpec().getJobLabel())) {
            relabelings.add(
                    copyIfSet(
                            POD_META
                                    + "label_"
                                    + LabelNames.sanitize(monitor.getSpec().getJobLabel()),
                            "job"));
        }
        String port =
                isSet(endpoint.getPort())
                        ? endpoint.getPort()
                        : endpoint.getPortNumber() == null
                                ? null
                                : endpoint.getPortNumber().toString();
        endpointLabel(port, endpoint.getTargetPort()).ifPresent(relabelings::add);
        relabelings.addAll(translate(endpoint.getRelabelings()));
        return relabelings;
    }

    /**
     * A monitor's {@code relabelings} or {@code metricRelabelings} in Prometheus's keys, each field
     * written only when set, as prometheus-operator writes them.
     */
    static List<Map<String, Object>> translate(List<RelabelConfig> relabelings) {
        List<Map<String, Object>> translated = new ArrayList<>();
        for (RelabelConfig relabeling : orEmpty(relabelings)) {
            Map<String, Object> config = new LinkedHashMap<>();
            if (relabeling.getSourceLabels() != null && !relabeling.getSourceLabels().isEmpty()) {
                config.put("source_labels", List.copyOf(relabeling.getSourceLabels()));
            }
            putIfSet(config, "separator", relabeling.getSeparator());
            putIfSet(config, "target_label", relabeling.getTargetLabel());
            putIfSet(config, "regex", relabeling.getRegex());
            if (relabeling.getModulus() != null && relabeling.getModulus() != 0) {
                config.put("modulus", relabeling.getModulus());
            }
            if (relabeling.getReplacement() != null) {
                config.put("replacement", relabeling.getReplacement());
            }
            putIfSet(config, "action", relabeling.getAction());
            translated.add(config);
        }
        return translated;
    }

    /** A selector's terms as keep and drop rules on the discovered object's labels. */
    private static List<Map<String, Object>> selection(String meta, LabelSelector selector) {
        List<Map<String, Object>> relabelings = new ArrayList<>();
        if (selector == null) {
            return relabelings;
        }
        // prometheus-operator sorts the matchLabels keys.
        new TreeMap<>(orEmpty(selector.getMatchLabels()))
                .forEach(
                        (key, value) ->
                                relabelings.add(
                                        rule(
                                                "keep",
                                                labelAndPresence(meta, key),
                                                "(" + value + ");true")));
        for (LabelSelectorRequirement requirement : orEmpty(selector.getMatchExpressions())) {
            String key = LabelNames.sanitize(requirement.getKey());
            String values = "(" + String.join("|", orEmpty(requirement.getValues())) + ");true";
            relabelings.add(
                    switch (requirement.getOperator()) {
                        case "In" ->
                                rule("keep", labelAndPresence(meta, requirement.getKey()), values);
                        case "NotIn" ->
                                rule("drop", labelAndPresence(meta, requirement.getKey()), values);
                        case "Exists" ->
                                rule("keep", List.of(meta + "labelpresent_" + key), "true");
                        case "DoesNotExist" ->
                                rule("drop", List.of(meta + "labelpresent_" + key), "true");
                        default ->
                                throw new IllegalArgumentException(
                                        "unknown selector operator " + requirement.getOperator());
                    });
        }
        return relabelings;
    }

    private static List<Map<String, Object>> targetPortSelection(IntOrString targetPort) {
        if (targetPort == null) {
            return List.of();
        }
        if (isSet(targetPort.getStrVal())) {
            return List.of(keep(POD_META + "container_port_name", targetPort.getStrVal()));
        }
        if (targetPort.getIntVal() != null && targetPort.getIntVal() != 0) {
            return List.of(
                    keep(POD_META + "container_port_number", targetPort.getIntVal().toString()));
        }
        return List.of();
    }

    /** The {@code endpoint} target label: the port's name, else the target port. */
    private static Optional<Map<String, Object>> endpointLabel(
            String port, IntOrString targetPort) {
        if (isSet(port)) {
            return Optional.of(set("endpoint", port));
        }
        if (targetPort != null) {
            String text =
                    targetPort.getStrVal() != null
                            ? targetPort.getStrVal()
                            : targetPort.getIntVal() == null
                                    ? ""
                                    : targetPort.getIntVal().toString();
            if (!text.isEmpty()) {
                return Optional.of(set("endpoint", text));
            }
        }
        return Optional.empty();
    }

    private static List<String> labelAndPresence(String meta, String key) {
        String name = LabelNames.sanitize(key);
        return List.of(meta + "label_" + name, meta + "labelpresent_" + name);
    }

    private static Map<String, Object> jobNameToTmp() {
        return copy("job", "__tmp_prometheus_job_name");
    }

    private static Map<String, Object> dropFinishedPods() {
        return rule("drop", List.of(POD_META + "phase"), "(Failed|Succeeded)");
    }

    private static Map<String, Object> keep(String sourceLabel, String regex) {
        return rule("keep", List.of(sourceLabel), regex);
    }

    private static Map<String, Object> rule(String action, List<String> sources, String regex) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("action", action);
        config.put("source_labels", sources);
        config.put("regex", regex);
        return config;
    }

    private static Map<String, Object> copy(String sourceLabel, String targetLabel) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("source_labels", List.of(sourceLabel));
        config.put("target_label", targetLabel);
        return config;
    }

    private static Map<String, Object> copy(
            List<String> sources,
            String separator,
            String regex,
            String replacement,
            String targetLabel) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("source_labels", sources);
        config.put("separator", separator);
        config.put("regex", regex);
        config.put("replacement", replacement);
        config.put("target_label", targetLabel);
        return config;
    }

    /** Copies a label onto the target only when the source label has a value. */
    private static Map<String, Object> copyIfSet(String sourceLabel, String targetLabel) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("source_labels", List.of(sourceLabel));
        config.put("target_label", LabelNames.sanitize(targetLabel));
        config.put("regex", "(.+)");
        config.put("replacement", "${1}");
        return config;
    }

    private static Map<String, Object> set(String targetLabel, String value) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("target_label", targetLabel);
        config.put("replacement", value);
        return config;
    }

    private static void putIfSet(Map<String, Object> config, String key, String value) {
        if (isSet(value)) {
            config.put(key, value);
        }
    }

    private static boolean isSet(String text) {
        return text != null && !text.isEmpty();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
