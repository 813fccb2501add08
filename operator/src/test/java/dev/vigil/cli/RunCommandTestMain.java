package dev.vigil.cli;

import dev.vigil.runtime.OperatorSettingsResolver;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code vigil run} as its own process, with a test reconciler in place of Vigil's: it labels every
 * ConfigMap it reconciles, so the test sees from outside that the operator works.
 */
public final class RunCommandTestMain {

    static final String LABEL = "vigil.dev/test-reconciled";

    private RunCommandTestMain() {}

    public static void main(String[] args) {
        RunCommand command =
                new RunCommand(
                        OperatorSettingsResolver.fromProcessEnvironment(),
                        settings ->
                                (operator, client, registry) ->
                                        operator.register(new LabellingReconciler()));
        System.exit(new CommandLine(command).execute(args));
    }

    /**
     * Labels each ConfigMap once, with a JSON patch of its own: what a reconciler returns for JOSDK
     * to patch goes by server-side apply, which the mock API server does not have.
     */
    static final class LabellingReconciler implements Reconciler<ConfigMap> {
        @Override
        public UpdateControl<ConfigMap> reconcile(ConfigMap resource, Context<ConfigMap> context) {
            Map<String, String> labels = resource.getMetadata().getLabels();
            if (labels == null || !labels.containsKey(LABEL)) {
                context.getClient()
                        .resource(resource)
                        .edit(
                                current ->
                                        new ConfigMapBuilder(current)
                                                .editMetadata()
                                                .addToLabels(LABEL, "true")
                                                .endMetadata()
                                                .build());
            }
            return UpdateControl.noUpdate();
        }
    }
}
