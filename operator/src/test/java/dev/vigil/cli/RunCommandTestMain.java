package dev.vigil.cli;

import dev.vigil.runtime.OperatorSettingsResolver;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.HashMap;
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

    /** Labels each ConfigMap once. */
    static final class LabellingReconciler implements Reconciler<ConfigMap> {
        @Override
        public UpdateControl<ConfigMap> reconcile(ConfigMap resource, Context<ConfigMap> context) {
            Map<String, String> labels = new HashMap<>();
            if (resource.getMetadata().getLabels() != null) {
                labels.putAll(resource.getMetadata().getLabels());
            }
            if (labels.containsKey(LABEL)) {
                return UpdateControl.noUpdate();
            }
            labels.put(LABEL, "true");
            resource.getMetadata().setLabels(labels);
            return UpdateControl.patchResource(resource);
        }
    }
}
