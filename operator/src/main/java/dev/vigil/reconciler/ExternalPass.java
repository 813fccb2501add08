package dev.vigil.reconciler;

import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.engine.LiveDeployment;
import dev.vigil.engine.PassContext;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.CertManagerCertificate;
import dev.vigil.resources.NetworkContext;
import dev.vigil.status.DatabaseObservation;
import dev.vigil.status.DatabaseStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A pass over a database that runs elsewhere: Vigil applies the exporter and its objects, keeps the
 * monitoring in place, and reports what the exporter sees. There are no members to converge and no
 * health gate.
 */
final class ExternalPass {

    private final PassStep apply;
    private final PassStep exporter;
    private final DatabaseStatusBuilder statusBuilder;
    private final ReconcileIntervals intervals;
    private final String runbookBaseUrl;

    /**
     * @param runbookBaseUrl where the runbooks of the default alerts are published
     */
    ExternalPass(
            Clock clock,
            CredentialGenerator credentials,
            NetworkContext network,
            EngineSteps steps,
            DatabaseStatusBuilder statusBuilder,
            ReconcileIntervals intervals,
            String runbookBaseUrl) {
        this.apply = new ApplyObjectsStep(clock, credentials, network);
        this.exporter = new EngineConvergeStep(steps);
        this.statusBuilder = statusBuilder;
        this.intervals = intervals;
        this.runbookBaseUrl = runbookBaseUrl;
    }

    PassEnd run(PassContext pass, DatabaseEventSources watched) {
        String namespace = pass.resource().getMetadata().getNamespace();
        StepResult result =
                StepResult.runAll(
                        pass,
                        List.of(
                                new CertManagerStep(
                                        watched.crdInstalled(CertManagerCertificate.CRD)),
                                apply,
                                new MonitoringStep(watched.policiesIn(namespace), runbookBaseUrl),
                                exporter));
        if (result.stop().isPresent()) {
            return PassEnd.stopped(result.stop().get(), pass.resource(), statusBuilder, intervals);
        }
        Optional<Deployment> deployment =
                pass.owned()
                        .find(Deployment.class, ResourceNames.exporterDeployment(pass.defaulted()));
        DatabaseObservation observation =
                DatabaseObservation.of(
                        1,
                        deployment.map(LiveDeployment::readyReplicas).orElse(0),
                        deployment.map(LiveDeployment::rolledOut).orElse(false),
                        pass.outcome().health(),
                        pass.engine().endpoints(pass.defaulted(), pass.clusterDomain()),
                        pass.secrets().names(),
                        pass.monitoring());
        return PassEnd.after(
                statusBuilder.observed(pass.resource(), observation),
                NextPass.after(observation, intervals));
    }
}
