package dev.vigil.validation;

import java.util.Optional;

/**
 * What is running now, as far as a change must respect it: the version the members run and the size
 * of their volumes. The reconciler reads it from the live StatefulSet; {@code vigil validate
 * --previous} from the previous revision of the resource.
 *
 * @param version the version the members run, if known
 * @param storageSize the size of each member's volume, as a Kubernetes quantity, if known
 */
public record DeployedState(Optional<String> version, Optional<String> storageSize) {

    /** Nothing is deployed yet: every change is a first deployment. */
    public static final DeployedState NONE = new DeployedState(Optional.empty(), Optional.empty());
}
