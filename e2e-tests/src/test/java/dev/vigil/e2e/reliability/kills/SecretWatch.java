package dev.vigil.e2e.reliability.kills;

import io.fabric8.kubernetes.api.model.Secret;
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
 * Watches the Secrets of a namespace for the whole scenario and keeps, for each, every distinct
 * content it had (a SHA-256 of its data, never a value) and every uid: a credential regenerated,
 * even for a moment between two checks, shows as a second digest; a Secret deleted and made again
 * as a second uid.
 */
public final class SecretWatch implements AutoCloseable {

    private final Map<String, Set<String>> digests = new TreeMap<>();
    private final Map<String, Set<String>> uids = new TreeMap<>();
    private final SharedIndexInformer<Secret> informer;

    private SecretWatch(KubernetesClient client, String namespace) {
        informer =
                client.secrets()
                        .inNamespace(namespace)
                        .inform(
                                new ResourceEventHandler<>() {
                                    @Override
                                    public void onAdd(Secret secret) {
                                        seen(secret);
                                    }

                                    @Override
                                    public void onUpdate(Secret before, Secret after) {
                                        seen(after);
                                    }

                                    @Override
                                    public void onDelete(Secret secret, boolean unknownFinal) {}
                                },
                                0);
    }

    public static SecretWatch start(KubernetesClient client, String namespace) {
        return new SecretWatch(client, namespace);
    }

    private synchronized void seen(Secret secret) {
        String name = secret.getMetadata().getName();
        digests.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(digest(secret));
        uids.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(secret.getMetadata().getUid());
    }

    /** How many distinct contents Secret {@code name} has had; 0 if never seen. */
    public synchronized int contents(String name) {
        return digests.getOrDefault(name, Set.of()).size();
    }

    /** The Secrets whose names start with {@code prefix} that were ever made more than once. */
    public synchronized List<String> remade(String prefix) {
        List<String> remade = new ArrayList<>();
        uids.forEach(
                (name, seen) -> {
                    if (name.startsWith(prefix) && seen.size() > 1) {
                        remade.add(name);
                    }
                });
        return remade;
    }

    /** The names of the Secrets seen that start with {@code prefix}. */
    public synchronized List<String> names(String prefix) {
        return digests.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    private static String digest(Secret secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Map<String, String> data =
                    new TreeMap<>(secret.getData() == null ? Map.of() : secret.getData());
            data.forEach(
                    (key, value) ->
                            sha.update(
                                    (key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
