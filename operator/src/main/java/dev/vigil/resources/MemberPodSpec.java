package dev.vigil.resources;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The pod every engine's member runs, which {@link DatabaseStatefulSets} puts in its template: the
 * database's own ServiceAccount without a token, the {@link RestrictedPodSecurity restricted}
 * security context as the image's database user, the engine's init container, the database
 * container followed by the exporter sidecar when the exporter runs, and the engine's volumes.
 */
public final class MemberPodSpec {

    // Secret files belong to root; the group, the pod's fsGroup, may read them, others not.
    private static final int GROUP_READABLE = 0440;

    private MemberPodSpec() {}

    /**
     * The pod spec of {@code database}'s members (already defaulted).
     *
     * @param user the image's database user, which is also the pod's group and the volumes' group
     * @param init the init container that prepares the member
     * @param server the database container
     * @param sidecar the exporter sidecar, asked for only when the exporter runs
     * @param volumes the pod's volumes
     */
    public static PodSpec build(
            MonitoredDatabase database,
            long user,
            Container init,
            Container server,
            Supplier<Container> sidecar,
            List<Volume> volumes) {
        List<Container> containers = new ArrayList<>();
        containers.add(server);
        if (ExporterContainers.enabled(database)) {
            containers.add(sidecar.get());
        }
        return new PodSpecBuilder()
                // The database talks to nobody's API: its own account, without rights, and no
                // token in the pod to steal.
                .withServiceAccountName(ResourceNames.serviceAccount(database))
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(RestrictedPodSecurity.pod(user, user, user))
                .withInitContainers(init)
                .withContainers(containers)
                .withVolumes(volumes)
                .build();
    }

    /**
     * The volume {@code name} of every key of the Secret {@code secret}, its files readable by the
     * pod's fsGroup (and so by the non-root containers) and by no one else.
     */
    public static Volume groupReadableSecret(String name, String secret) {
        return new VolumeBuilder()
                .withName(name)
                .withNewSecret()
                .withSecretName(secret)
                .withDefaultMode(GROUP_READABLE)
                .endSecret()
                .build();
    }
}
