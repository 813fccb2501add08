package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as the kubelet builds it: {@code envFrom} first, then {@code env} in
 * order (later names win), each {@code valueFrom} resolved from Secrets, ConfigMaps or the downward
 * API, and {@code $(NAME)} references expanded to variables defined before them ({@code $$} escapes
 * a {@code $}). The same expansion applies to the container's command and arguments. Not modelled:
 * {@code resourceFieldRef}.
 */
final class ContainerEnvironment {

    private static final Pattern MAP_FIELD =
            Pattern.compile("metadata\\.(labels|annotations)\\['([^']+)'\\]");
    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    /** What the downward API knows of a pod besides its object: set by the node. */
    record PodFacts(String podIp, String hostIp, String nodeName) {}

    private ContainerEnvironment() {}

    /**
     * The container's variables, in definition order.
     *
     * @throws ContainerConfigException when a Secret, ConfigMap or key it needs does not exist and
     *     is not optional
     */
    static Map<String, String> resolve(
            Pod pod, Container container, PodFacts facts, PodObjects objects)
            throws ContainerConfigException {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            for (EnvFromSource source : container.getEnvFrom()) {
                String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                Map<String, byte[]> values = envFromValues(namespace, source, objects);
                values.forEach(
                        (key, value) ->
                                env.put(prefix + key, new String(value, StandardCharsets.UTF_8)));
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar variable : container.getEnv()) {
                Optional<String> value = value(pod, variable, facts, objects, env);
                if (value.isPresent()) {
                    env.remove(variable.getName());
                    env.put(variable.getName(), value.get());
                }
            }
        }
        return env;
    }

    /** The container with {@code $(NAME)} expanded in its command and arguments. */
    static Container expanded(Container container, Map<String, String> env) {
        return new ContainerBuilder(container)
                .withCommand(expandAll(container.getCommand(), env))
                .withArgs(expandAll(container.getArgs(), env))
                .build();
    }

    /** Expands {@code $(NAME)} to the variable's value; unknown names stay as written. */
    static String expand(String text, Map<String, String> env) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group(1) == null) {
                replacement = "$";
            } else {
                replacement = env.getOrDefault(matcher.group(1), matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * A downward-API field of the pod.
     *
     * @throws ContainerConfigException for a field the downward API does not offer
     */
    static String field(Pod pod, String path, PodFacts facts) throws ContainerConfigException {
        switch (path) {
            case "metadata.name":
                return pod.getMetadata().getName();
            case "metadata.namespace":
                return pod.getMetadata().getNamespace();
            case "metadata.uid":
                return nullToEmpty(pod.getMetadata().getUid());
            case "spec.nodeName":
                return facts.nodeName();
            case "spec.serviceAccountName":
                return nullToEmpty(pod.getSpec().getServiceAccountName());
            case "status.podIP":
            case "status.podIPs":
                return facts.podIp();
            case "status.hostIP":
            case "status.hostIPs":
                return facts.hostIp();
            default:
                Matcher matcher = MAP_FIELD.matcher(path);
                if (matcher.matches()) {
                    Map<String, String> map =
                            matcher.group(1).equals("labels")
                                    ? pod.getMetadata().getLabels()
                                    : pod.getMetadata().getAnnotations();
                    return map == null ? "" : nullToEmpty(map.get(matcher.group(2)));
                }
                throw new ContainerConfigException("unsupported fieldPath: " + path);
        }
    }

    private static Optional<String> value(
            Pod pod,
            EnvVar variable,
            PodFacts facts,
            PodObjects objects,
            Map<String, String> defined)
            throws ContainerConfigException {
        EnvVarSource source = variable.getValueFrom();
        if (source == null) {
            return Optional.of(expand(nullToEmpty(variable.getValue()), defined));
        }
        String namespace = pod.getMetadata().getNamespace();
        if (source.getSecretKeyRef() != null) {
            return secretKey(namespace, source.getSecretKeyRef(), objects);
        }
        if (source.getConfigMapKeyRef() != null) {
            return configMapKey(namespace, source.getConfigMapKeyRef(), objects);
        }
        if (source.getFieldRef() != null) {
            return Optional.of(field(pod, source.getFieldRef().getFieldPath(), facts));
        }
        throw new ContainerConfigException(
                "the valueFrom of " + variable.getName() + " is not supported by this node");
    }

    private static Optional<String> secretKey(
            String namespace, SecretKeySelector selector, PodObjects objects)
            throws ContainerConfigException {
        boolean optional = Boolean.TRUE.equals(selector.getOptional());
        Optional<Secret> secret = objects.secret(namespace, selector.getName());
        if (secret.isEmpty()) {
            if (optional) {
                return Optional.empty();
            }
            throw new ContainerConfigException("secret \"" + selector.getName() + "\" not found");
        }
        byte[] value = PodObjects.values(secret.get()).get(selector.getKey());
        if (value == null) {
            if (optional) {
                return Optional.empty();
            }
            throw new ContainerConfigException(
                    "couldn't find key "
                            + selector.getKey()
                            + " in Secret "
                            + namespace
                            + "/"
                            + selector.getName());
        }
        return Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    private static Optional<String> configMapKey(
            String namespace, ConfigMapKeySelector selector, PodObjects objects)
            throws ContainerConfigException {
        boolean optional = Boolean.TRUE.equals(selector.getOptional());
        Optional<ConfigMap> configMap = objects.configMap(namespace, selector.getName());
        if (configMap.isEmpty()) {
            if (optional) {
                return Optional.empty();
            }
            throw new ContainerConfigException(
                    "configmap \"" + selector.getName() + "\" not found");
        }
        byte[] value = PodObjects.values(configMap.get()).get(selector.getKey());
        if (value == null) {
            if (optional) {
                return Optional.empty();
            }
            throw new ContainerConfigException(
                    "couldn't find key "
                            + selector.getKey()
                            + " in ConfigMap "
                            + namespace
                            + "/"
                            + selector.getName());
        }
        return Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    private static Map<String, byte[]> envFromValues(
            String namespace, EnvFromSource source, PodObjects objects)
            throws ContainerConfigException {
        if (source.getSecretRef() != null) {
            String name = source.getSecretRef().getName();
            Optional<Secret> secret = objects.secret(namespace, name);
            if (secret.isPresent()) {
                return PodObjects.values(secret.get());
            }
            if (Boolean.TRUE.equals(source.getSecretRef().getOptional())) {
                return Map.of();
            }
            throw new ContainerConfigException("secret \"" + name + "\" not found");
        }
        if (source.getConfigMapRef() != null) {
            String name = source.getConfigMapRef().getName();
            Optional<ConfigMap> configMap = objects.configMap(namespace, name);
            if (configMap.isPresent()) {
                return PodObjects.values(configMap.get());
            }
            if (Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
                return Map.of();
            }
            throw new ContainerConfigException("configmap \"" + name + "\" not found");
        }
        return Map.of();
    }

    private static List<String> expandAll(List<String> values, Map<String, String> env) {
        return values == null ? null : values.stream().map(v -> expand(v, env)).toList();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
