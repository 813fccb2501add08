package dev.vigil.e2e.node;

/**
 * A pod volume cannot be set up: its Secret, ConfigMap or PersistentVolumeClaim does not exist, or
 * a key it names is missing. The pod stays in {@code ContainerCreating} and the kubelet tries
 * again, as a real kubelet does after a {@code FailedMount}.
 */
final class VolumeSetupException extends Exception {

    VolumeSetupException(String message) {
        super(message);
    }
}
