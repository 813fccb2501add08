package dev.vigil.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Registers the operator's reconcilers with a JOSDK {@link Operator} that is not started yet.
 *
 * <p>{@link VigilOperatorRuntime} calls it once, after configuring the operator and before starting
 * it. Controllers registered here watch the namespaces of {@link
 * OperatorSettings#watchedNamespaces()}, whatever their own annotation says.
 */
@FunctionalInterface
public interface ReconcilerRegistration {

    /**
     * @param operator the operator to call {@link Operator#register} on
     * @param client the client the operator uses, for reconcilers that need one directly
     * @param registry where reconcilers may record their own meters; exposed on /metrics
     */
    void register(Operator operator, KubernetesClient client, MeterRegistry registry);
}
