package dev.vigil.resources;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;

/**
 * Security contexts that meet the Kubernetes "restricted" Pod Security Standard, so Vigil's pods
 * are admitted in namespaces that enforce it. The root filesystem is read-only: whatever a
 * container must write goes to a volume, for scratch space an {@link #scratchVolume emptyDir}.
 */
public final class RestrictedPodSecurity {

    private static final String RUNTIME_DEFAULT = "RuntimeDefault";

    private RestrictedPodSecurity() {}

    /**
     * The pod's security context: non-root as {@code user}:{@code group}, volumes group-owned by
     * {@code fsGroup}, the runtime's default seccomp profile.
     */
    public static PodSecurityContext pod(long user, long group, long fsGroup) {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(user)
                .withRunAsGroup(group)
                .withFsGroup(fsGroup)
                // Change volume ownership only when the volume's root does not match already: a
                // recursive chown of a large data volume on every start would delay it by minutes.
                .withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile()
                .withType(RUNTIME_DEFAULT)
                .endSeccompProfile()
                .build();
    }

    /**
     * A container's security context: no privilege escalation, every capability dropped, a
     * read-only root filesystem.
     */
    public static SecurityContext container() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .withNewSeccompProfile()
                .withType(RUNTIME_DEFAULT)
                .endSeccompProfile()
                .build();
    }

    /** Size cap of each scratch emptyDir. */
    public static final String SCRATCH_SIZE_LIMIT = "256Mi";

    /**
     * A writable emptyDir volume for a container whose root filesystem is read-only. Its size is
     * capped, so a tool that keeps writing (shell history, probe logs) cannot fill the node.
     */
    public static Volume scratchVolume(String name) {
        return new VolumeBuilder()
                .withName(name)
                .withNewEmptyDir()
                .withSizeLimit(new io.fabric8.kubernetes.api.model.Quantity(SCRATCH_SIZE_LIMIT))
                .endEmptyDir()
                .build();
    }
}
