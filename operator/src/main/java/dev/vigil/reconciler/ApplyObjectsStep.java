package dev.vigil.reconciler;

import dev.vigil.apply.ResourceApplier;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.MonitoringPasswordRotation;
import dev.vigil.engine.EngineOutcome;
import dev.vigil.engine.PassContext;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.CanaryPartition;
import dev.vigil.resources.DesiredResources;
import dev.vigil.resources.NetworkContext;
import dev.vigil.rollout.RolloutStateMachine;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;

/**
 * Builds the database's desired objects, once per pass, and applies them: Secrets with generated
 * values are created when missing and never touched again; every other object is written only when
 * it differs from the cache ({@link ResourceApplier}); objects of an optional kind that the spec no
 * longer implies are deleted. What the engine's step found shapes the objects: the StatefulSet held
 * at its size while members leave, the read-write Service on the primary.
 */
final class ApplyObjectsStep implements PassStep {

    private final Clock clock;
    private final CredentialGenerator credentials;
    private final NetworkContext network;

    ApplyObjectsStep(Clock clock, CredentialGenerator credentials, NetworkContext network) {
        this.clock = clock;
        this.credentials = credentials;
        this.network = network;
    }

    @Override
    public StepResult run(PassContext pass) {
        DesiredResources desired = pass.engine().desired(pass.defaulted(), context(pass));
        ResourceApplier applier = pass.applier();
        for (Secret secret : desired.createOnlySecrets()) {
            applier.createIfMissing(
                    MonitoringPasswordRotation.recordedOnCreation(pass.resource(), secret),
                    pass.owned().find(secret));
        }
        List<HasMetadata> objects = desired.resources();
        pass.statefulSet().ifPresent(live -> keepLiveVolumeClaimTemplates(objects, live));
        OptionalInt partition = partition(pass);
        objects.stream()
                .filter(StatefulSet.class::isInstance)
                .forEach(s -> CanaryPartition.apply((StatefulSet) s, partition));
        boolean templateApplied = false;
        for (HasMetadata object : objects) {
            ResourceApplier.Outcome applied = applier.apply(object, pass.owned().find(object));
            if (object instanceof StatefulSet) {
                templateApplied = applied == ResourceApplier.Outcome.UNCHANGED;
            }
        }
        pass.recordTemplateApplied(templateApplied);
        UnwantedObjects.delete(pass.defaulted(), objects, pass.owned(), pass.client());
        return StepResult.PROCEED;
    }

    /** The partition this pass applies to the StatefulSet: a canary's, or none. */
    static OptionalInt partition(PassContext pass) {
        return RolloutStateMachine.partition(
                pass.previous(),
                ManagedPass.generation(pass.resource()),
                pass.defaulted().getSpec(),
                pass.statefulSet().isPresent());
    }

    /**
     * What the builders may use besides the spec. The rotation token is the resource's, never a
     * restored spec's (see {@link MonitoringPasswordRotation}).
     */
    private BuildContext context(PassContext pass) {
        EngineOutcome outcome = pass.outcome();
        BuildContext build =
                BuildContext.of(clock, credentials)
                        .withNetwork(pass.engine().network(network, pass.secrets()))
                        .withMonitoringCredentialsRevision(
                                MonitoringPasswordRotation.token(pass.resource()));
        if (outcome.holdStatefulSetAt().isPresent()) {
            build = build.withStatefulSetReplicas(outcome.holdStatefulSetAt().getAsInt());
        }
        if (outcome.primaryOrdinal().isPresent()) {
            build = build.withPrimaryOrdinal(outcome.primaryOrdinal().getAsInt());
        }
        return build;
    }

    /**
     * A StatefulSet's volume claim templates cannot change once it exists: the desired one keeps
     * the live templates, and {@link VolumeExpansionStep} grows the claims instead.
     */
    private static void keepLiveVolumeClaimTemplates(List<HasMetadata> desired, StatefulSet live) {
        desired.stream()
                .filter(StatefulSet.class::isInstance)
                .map(StatefulSet.class::cast)
                .forEach(
                        s ->
                                s.getSpec()
                                        .setVolumeClaimTemplates(
                                                live.getSpec().getVolumeClaimTemplates()));
    }
}
