package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.MonitoringPasswordRotation;
import dev.vigil.engine.OwnedResources;
import dev.vigil.engine.PassContext;
import dev.vigil.names.ResourceNames;
import dev.vigil.status.StatusEvent;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a requested monitoring-password rotation ({@link MonitoringPasswordRotation}): writes
 * a new generated password, with the token recorded, into the {@code <name>-monitoring} Secret
 * Vigil generated. It runs before the engine's step, which sets the Secret's password in the
 * database in the same pass; the StatefulSet applied after it restarts the exporters.
 *
 * <p>Neither the password nor the Secret object is ever logged or put in an Event.
 */
final class MonitoringPasswordStep implements PassStep {

    /** Reason of the Normal Event telling that a new password was generated. */
    static final String EVENT_ROTATED = "MonitoringPasswordRotated";

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringPasswordStep.class);

    private final CredentialGenerator credentials;

    MonitoringPasswordStep(CredentialGenerator credentials) {
        this.credentials = credentials;
    }

    /**
     * Writes a new monitoring password when the resource asks for one, before the engine's step,
     * which sets it in the database in the same pass.
     */
    @Override
    public StepResult run(PassContext pass) {
        rotate(pass.resource(), pass.defaulted(), pass.owned(), pass.client())
                .ifPresent(pass::tell);
        return StepResult.PROCEED;
    }

    /**
     * Rotates the password when due.
     *
     * @param resource the MonitoredDatabase as stored, which holds the token
     * @param database what runs now, with its schema defaults
     * @param owned the cached objects; the rewritten Secret replaces the cached one, so that the
     *     engine's step reads the new password in this pass
     * @return the Event to record, when a new password was written
     */
    private Optional<StatusEvent> rotate(
            MonitoredDatabase resource,
            MonitoredDatabase database,
            OwnedResources owned,
            KubernetesClient client) {
        String name = ResourceNames.generatedMonitoringSecret(database);
        if (!MonitoringPasswordRotation.due(resource, database, owned.find(Secret.class, name))) {
            return Optional.empty();
        }
        // The cache may not hold the rotation this operator wrote a moment ago: the API server
        // tells whether it is still due, so one token never makes two passwords.
        String namespace = database.getMetadata().getNamespace();
        Optional<Secret> live =
                Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
        live.ifPresent(owned::remember);
        if (!MonitoringPasswordRotation.due(resource, database, live)) {
            return Optional.empty();
        }
        String token = MonitoringPasswordRotation.token(resource).orElseThrow();
        // Written with the resourceVersion read: a concurrent change fails the pass, which is
        // retried, rather than being overwritten.
        Secret written =
                client.resource(
                                MonitoringPasswordRotation.rotated(
                                        live.get(), credentials.password(), token))
                        .update();
        owned.remember(written);
        LOG.info(
                "monitoring password of {}/{} rotated in Secret {}; the exporters restart to"
                        + " use it",
                namespace,
                database.getMetadata().getName(),
                name);
        return Optional.of(StatusEvent.normal(EVENT_ROTATED, message(name)));
    }

    /** The Event's message: the Secret's name, never a value. */
    static String message(String secretName) {
        return "Generated a new monitoring password in Secret \""
                + secretName
                + "\"; it is set in the database and the exporter pods restart to use it";
    }
}
