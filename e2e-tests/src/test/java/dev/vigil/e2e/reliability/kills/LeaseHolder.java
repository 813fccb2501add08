package dev.vigil.e2e.reliability.kills;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Who holds the operators' Lease, read from the API server as {@code kubectl get lease} shows. */
public final class LeaseHolder {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public LeaseHolder(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    /** The holder identity, if the Lease exists and names one. */
    public Optional<String> holder() {
        Lease lease = client.leases().inNamespace(namespace).withName(name).get();
        return Optional.ofNullable(lease)
                .map(l -> l.getSpec().getHolderIdentity())
                .filter(h -> !h.isBlank());
    }

    /**
     * Waits until one of {@code operators} holds the Lease (its identity starts with the process's
     * name and {@code _}); returns it.
     */
    public KillableOperator awaitHeldByOneOf(List<KillableOperator> operators, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> holder = holder();
            for (KillableOperator operator : operators) {
                if (holder.isPresent() && holder.get().startsWith(operator.name() + "_")) {
                    return operator;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                "none of the operators held Lease " + name + " within " + limit + ": " + holder());
    }
}
