package dev.vigil.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.OperatorSettings;
import dev.vigil.runtime.OperatorSettingsResolver;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator's container in the chart's Deployment, and what {@code vigil run} would make of its
 * environment in a pod of the release namespace.
 */
final class OperatorContainers {

    private OperatorContainers() {}

    /** The one container of the operator's pods. */
    static Container operatorContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    /** The container's environment variables by name. */
    static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    /** The settings the operator resolves from the container's environment, without flags. */
    static OperatorSettings settingsOf(Container container) {
        return resolverOf(container).resolve(Map.of());
    }

    /**
     * A resolver over the container's environment as the kubelet would set it in a pod of the
     * release namespace (field references to {@code metadata.namespace} only).
     */
    static OperatorSettingsResolver resolverOf(Container container) {
        Map<String, String> environment = new HashMap<>();
        environment.put(OperatorSettingsResolver.ENV_KUBERNETES_SERVICE_HOST, "10.96.0.1");
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValueFrom() != null) {
                assertThat(variable.getValueFrom().getFieldRef().getFieldPath())
                        .as(variable.getName())
                        .isEqualTo("metadata.namespace");
                environment.put(variable.getName(), RenderedChart.NAMESPACE);
            } else {
                environment.put(variable.getName(), variable.getValue());
            }
        }
        // No service-account namespace file: the Lease namespace must come from the chart.
        return new OperatorSettingsResolver(environment, Path.of("/nonexistent/namespace"));
    }
}
