package dev.vigil.status;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events about a resource, as {@code kubectl describe} shows them. A failure to
 * record is logged and swallowed: an Event is never worth failing a reconcile for.
 */
public final class EventRecorder {

    /** The component named as the source of every Event. */
    public static final String COMPONENT = "vigil-operator";

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final ConditionFactory time;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.time = new ConditionFactory(clock);
    }

    /** Records {@code event} about {@code resource}. */
    public void record(HasMetadata resource, StatusEvent event) {
        String now = time.now();
        String namespace = resource.getMetadata().getNamespace();
        var kubeEvent =
                new EventBuilder()
                        .withNewMetadata()
                        .withNamespace(namespace)
                        .withName(
                                resource.getMetadata().getName()
                                        + "."
                                        + UUID.randomUUID()
                                                .toString()
                                                .replace("-", "")
                                                .substring(0, 16)
                                                .toLowerCase(Locale.ROOT))
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withApiVersion(resource.getApiVersion())
                        .withKind(resource.getKind())
                        .withName(resource.getMetadata().getName())
                        .withNamespace(namespace)
                        .withUid(resource.getMetadata().getUid())
                        .withResourceVersion(resource.getMetadata().getResourceVersion())
                        .endInvolvedObject()
                        .withType(event.warning() ? "Warning" : "Normal")
                        .withReason(event.reason())
                        .withMessage(event.message())
                        .withNewSource()
                        .withComponent(COMPONENT)
                        .endSource()
                        .withReportingComponent(COMPONENT)
                        .withFirstTimestamp(now)
                        .withLastTimestamp(now)
                        .withCount(1)
                        .build();
        try {
            client.v1().events().inNamespace(namespace).resource(kubeEvent).create();
        } catch (KubernetesClientException e) {
            LOG.warn(
                    "could not record event {} for {}/{}: {}",
                    event.reason(),
                    namespace,
                    resource.getMetadata().getName(),
                    e.getMessage());
        }
    }
}
