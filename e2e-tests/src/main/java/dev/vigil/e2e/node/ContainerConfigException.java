package dev.vigil.e2e.node;

/**
 * A container's configuration cannot be built from the objects it refers to: a missing Secret or
 * ConfigMap, or a missing key in one. The kubelet reports it as the container waiting with reason
 * {@code CreateContainerConfigError} and tries again, as a real kubelet does; the message is the
 * kubelet's.
 */
final class ContainerConfigException extends Exception {

    ContainerConfigException(String message) {
        super(message);
    }
}
