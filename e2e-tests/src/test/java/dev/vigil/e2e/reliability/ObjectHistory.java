package dev.vigil.e2e.reliability;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every version of the objects a database owns (all but its pods) that a namespace saw, watched
 * with the administrator's client, beside the operator and the proxy: for each object the uids it
 * had (more than one: deleted and made again) and, for a Secret, a digest of each content it had
 * (more than one: a credential changed). Never the values themselves.
 */
final class ObjectHistory implements AutoCloseable {

    private static final List<Class<? extends HasMetadata>> KINDS =
            List.of(
                    Secret.class,
                    ConfigMap.class,
                    Service.class,
                    ServiceAccount.class,
                    StatefulSet.class,
                    PodDisruptionBudget.class,
                    NetworkPolicy.class,
                    PersistentVolumeClaim.class);

    private final Map<String, Set<String>> uids = new TreeMap<>();
    private final Map<String, Set<String>> secretContents = new TreeMap<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    private ObjectHistory() {}

    /** Starts watching {@code namespace}; returns once every kind was listed. */
    static ObjectHistory watch(KubernetesClient client, String namespace) {
        ObjectHistory history = new ObjectHistory();
        for (Class<? extends HasMetadata> kind : KINDS) {
            history.informers.add(
                    client.resources(kind).inNamespace(namespace).inform(history.handler(), 0));
        }
        return history;
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                see(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                see(after);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {}
        };
    }

    private synchronized void see(HasMetadata object) {
        String key = object.getKind() + "/" + object.getMetadata().getName();
        uids.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(object.getMetadata().getUid());
        if (object instanceof Secret secret) {
            secretContents
                    .computeIfAbsent(key, k -> new LinkedHashSet<>())
                    .add(digest(secret.getData()));
        }
    }

    /** Each object seen (kind/name) with the uids it had, in order. */
    synchronized Map<String, Set<String>> uids() {
        return copy(uids);
    }

    /** Each Secret seen with the digests of the contents it had, in order. */
    synchronized Map<String, Set<String>> secretContents() {
        return copy(secretContents);
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> map) {
        Map<String, Set<String>> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(k, new LinkedHashSet<>(v)));
        return copy;
    }

    private static String digest(Map<String, String> data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(data == null ? Map.<String, String>of() : data)
                    .forEach(
                            (k, v) -> {
                                sha.update(k.getBytes(StandardCharsets.UTF_8));
                                sha.update((byte) 0);
                                sha.update(v.getBytes(StandardCharsets.UTF_8));
                                sha.update((byte) 0);
                            });
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
