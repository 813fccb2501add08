package dev.vigil.resources;

import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/** Volume mounts of the containers Vigil builds, read-only wherever the container only reads. */
public final class VolumeMounts {

    private VolumeMounts() {}

    /**
     * {@code volume} mounted at {@code path}; {@code readOnly} false leaves the field unset (the
     * Kubernetes default), so objects read back from the cluster compare equal.
     */
    public static VolumeMount of(String volume, String path, boolean readOnly) {
        return new VolumeMountBuilder()
                .withName(volume)
                .withMountPath(path)
                .withReadOnly(readOnly ? true : null)
                .build();
    }
}
