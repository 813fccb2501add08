package dev.vigil.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A JOSDK operator whose every controller watches the namespaces the deployment chose.
 *
 * <p>JOSDK 5 has no operator-wide namespace setting: each controller takes its namespaces from its
 * annotation unless overridden at registration. Every {@code register} overload of {@link Operator}
 * ends in {@link #register(Reconciler, ControllerConfiguration)}, so overriding that one applies
 * the choice to every controller, however the reconcilers are registered. Dependent resources'
 * informers follow their controller's namespaces by default.
 */
final class NamespaceScopedOperator extends Operator {

    private final Set<String> watchedNamespaces;

    /**
     * @param watchedNamespaces namespaces to watch; empty for all namespaces
     * @param overrider the operator-wide configuration
     */
    NamespaceScopedOperator(
            Set<String> watchedNamespaces, Consumer<ConfigurationServiceOverrider> overrider) {
        super(overrider);
        this.watchedNamespaces = Set.copyOf(watchedNamespaces);
    }

    @Override
    public <P extends HasMetadata> RegisteredController<P> register(
            Reconciler<P> reconciler, ControllerConfiguration<P> configuration) {
        ControllerConfigurationOverrider<P> scoped =
                ControllerConfigurationOverrider.override(configuration);
        if (watchedNamespaces.isEmpty()) {
            scoped.watchingAllNamespaces();
        } else {
            scoped.settingNamespaces(watchedNamespaces);
        }
        scoped.withItemStore(LeanCache.store());
        return super.register(reconciler, scoped.build());
    }
}
