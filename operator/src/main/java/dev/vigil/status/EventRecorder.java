package dev.vigil.status;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events about a resource, as {@code kubectl describe} shows them. A failure to
 * record is logged and swallowed: an Event is never worth failing a reconcile for.
 *
 * <p>An Event's name is derived from what it says and the version of the resource it was told about
 * (uid, resourceVersion, type, reason, message), so a pass retried on the same version (its status
 * write failed, say on an API server error) tells it again under the same name and the API server
 * refuses the copy: each Event is recorded once. The same Event about a later version of the
 * resource is a new one.
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
                        .withName(name(resource, event))
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
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                LOG.debug(
                        "event {} for {}/{} was already recorded",
                        event.reason(),
                        namespace,
                        resource.getMetadata().getName());
                return;
            }
            LOG.warn(
                    "could not record event {} for {}/{}: {}",
                    event.reason(),
                    namespace,
                    resource.getMetadata().getName(),
                    e.getMessage());
        }
    }

    /** {@code <resource>.<16 hex digits>}, the same for the same Event about the same version. */
    static String name(HasMetadata resource, StatusEvent event) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part :
                    new String[] {
                        resource.getMetadata().getUid(),
                        resource.getMetadata().getResourceVersion(),
                        event.warning() ? "Warning" : "Normal",
                        event.reason(),
                        event.message()
                    }) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return resource.getMetadata().getName()
                    + "."
                    + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
