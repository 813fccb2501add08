package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about an object, as client-go's event recorder does for a controller
 * (source component, reason, message, type); best effort, like the real recorder: an Event that
 * cannot be written is dropped.
 */
final class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final String component;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    EventRecorder(KubernetesClient client, String component, Clock clock) {
        this.client = client;
        this.component = component;
        this.clock = clock;
    }

    void normal(HasMetadata object, String reason, String message) {
        record(object, "Normal", reason, message);
    }

    void warning(HasMetadata object, String reason, String message) {
        record(object, "Warning", reason, message);
    }

    private void record(HasMetadata object, String type, String reason, String message) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String namespace = object.getMetadata().getNamespace();
        // client-go names an Event <object>.<unix nanoseconds in hex>; a sequence keeps two
        // Events recorded in the same instant apart.
        String name =
                object.getMetadata().getName()
                        + "."
                        + Long.toHexString(
                                clock.instant().toEpochMilli() * 1_000_000
                                        + sequence.incrementAndGet());
        Event event =
                new EventBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withApiVersion(object.getApiVersion())
                        .withKind(object.getKind())
                        .withName(object.getMetadata().getName())
                        .withNamespace(namespace)
                        .withUid(object.getMetadata().getUid())
                        .withResourceVersion(object.getMetadata().getResourceVersion())
                        .endInvolvedObject()
                        .withType(type)
                        .withReason(reason)
                        .withMessage(message)
                        .withNewSource()
                        .withComponent(component)
                        .endSource()
                        .withReportingComponent(component)
                        .withFirstTimestamp(now.toString())
                        .withLastTimestamp(now.toString())
                        .withCount(1)
                        .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.debug("dropped Event {} on {}: {}", reason, name, e.getMessage());
        }
    }
}
