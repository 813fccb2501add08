package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Optional;

/**
 * What the cluster's DNS and kube-proxy know of the cluster: its Services and pods, as last seen.
 * Reads are cheap (a local cache), so both may read it on every lookup and connection.
 */
public interface ClusterView {

    Optional<Service> service(String namespace, String name);

    /** Every Service, in every namespace. */
    List<Service> services();

    /** Every pod of a namespace. */
    List<Pod> pods(String namespace);
}
