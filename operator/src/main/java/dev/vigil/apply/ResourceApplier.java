package dev.vigil.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Vigil's desired objects to the cluster, and only when they differ from what is there: the
 * operator's one write path for the objects it owns.
 *
 * <p>A missing or changed object is applied with server-side apply, field manager {@value
 * #FIELD_MANAGER}, forcing conflicts: Vigil owns the fields it sets, and fields others set (server
 * defaults, other controllers, people) stay theirs.
 */
public final class ResourceApplier {

    /** The field manager of every write. */
    public static final String FIELD_MANAGER = "vigil-operator";

    private static final Logger LOG = LoggerFactory.getLogger(ResourceApplier.class);

    private final KubernetesClient client;

    public ResourceApplier(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Makes {@code desired} exist as it is.
     *
     * @param actual what the informer cache holds for it
     * @return what was done
     */
    public Outcome apply(HasMetadata desired, Optional<? extends HasMetadata> actual) {
        if (actual.isPresent() && DesiredStateMatcher.matches(desired, actual.get())) {
            return Outcome.UNCHANGED;
        }
        client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        Outcome outcome = actual.isPresent() ? Outcome.UPDATED : Outcome.CREATED;
        LOG.info(
                "{} {}/{} {}",
                kind(desired),
                namespace(desired),
                name(desired),
                outcome.name().toLowerCase(java.util.Locale.ROOT));
        return outcome;
    }

    /**
     * Creates {@code desired} when it does not exist and never touches it afterwards: for Secrets
     * with generated values, which must never be regenerated.
     */
    public Outcome createIfMissing(HasMetadata desired, Optional<? extends HasMetadata> actual) {
        if (actual.isPresent()) {
            return Outcome.UNCHANGED;
        }
        try {
            client.resource(desired).create();
        } catch (KubernetesClientException e) {
            // The cache may lag behind a create of our own; the object is there, which is all
            // that was asked.
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return Outcome.UNCHANGED;
            }
            throw e;
        }
        LOG.info("{} {}/{} created", kind(desired), namespace(desired), name(desired));
        return Outcome.CREATED;
    }

    /** What {@link #apply} or {@link #createIfMissing} did. */
    public enum Outcome {
        UNCHANGED,
        CREATED,
        UPDATED
    }

    private static String kind(HasMetadata resource) {
        return resource.getKind();
    }

    private static String namespace(HasMetadata resource) {
        return resource.getMetadata().getNamespace();
    }

    private static String name(HasMetadata resource) {
        return resource.getMetadata().getName();
    }
}
