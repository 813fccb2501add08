package dev.vigil.runtime;

/**
 * Where {@code vigil run} runs, as far as some defaults depend on it.
 *
 * @param inCluster whether it runs in a pod (the kubelet set {@code KUBERNETES_SERVICE_HOST})
 * @param podNamespace the pod's namespace; null outside a cluster or when it cannot be read
 */
public record Surroundings(boolean inCluster, String podNamespace) {

    /** On a machine outside any cluster. */
    public static final Surroundings OUTSIDE_A_CLUSTER = new Surroundings(false, null);

    /** In a pod of {@code namespace}. */
    public static Surroundings inPod(String namespace) {
        return new Surroundings(true, namespace);
    }
}
