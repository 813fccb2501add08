package dev.vigil.e2e.reliability.kills;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialSecrets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The objects Vigil made for one database, by {@code Kind/name} with their uids: a database's
 * StatefulSet, Services, Secrets, ConfigMaps, ServiceAccount, disruption budget, NetworkPolicy,
 * Roles, monitors and claims. Two snapshots tell an object lost or replaced (deleted and made
 * again: another uid) from one kept, and an object too many from the set expected.
 *
 * @param uids {@code Kind/name} to uid
 * @param withoutOneController the objects (claims aside, and the credential Secrets of a database
 *     that keeps its volumes, which have no owner) that do not have exactly one controller owner
 *     reference, to the database
 */
public record OwnedObjects(Map<String, String> uids, List<String> withoutOneController) {

    private static final String INSTANCE = "app.kubernetes.io/instance";

    /** The built-in kinds Vigil makes for a database; the monitors are read generically. */
    private static final List<Class<? extends HasMetadata>> KINDS =
            List.of(
                    StatefulSet.class,
                    Service.class,
                    Secret.class,
                    ConfigMap.class,
                    ServiceAccount.class,
                    PodDisruptionBudget.class,
                    NetworkPolicy.class,
                    Role.class,
                    RoleBinding.class);

    /** What exists now for database {@code name} in {@code namespace}. */
    public static OwnedObjects of(KubernetesClient client, String namespace, String name) {
        MonitoredDatabase database =
                client.resources(MonitoredDatabase.class)
                        .inNamespace(namespace)
                        .withName(name)
                        .get();
        String databaseUid = database.getMetadata().getUid();
        // Credential Secrets outlive a database that keeps its volumes, so they have no owner.
        boolean secretsKept = CredentialSecrets.keptWithTheVolumes(database);
        Map<String, String> uids = new TreeMap<>();
        List<String> withoutOneController = new ArrayList<>();
        List<HasMetadata> owned = new ArrayList<>();
        for (Class<? extends HasMetadata> type : KINDS) {
            owned.addAll(
                    labelled(
                            () ->
                                    client.resources(type)
                                            .inNamespace(namespace)
                                            .withLabel(INSTANCE, name)
                                            .list()
                                            .getItems()));
        }
        for (String kind : List.of("ServiceMonitor", "PodMonitor", "PrometheusRule")) {
            owned.addAll(
                    labelled(
                            () ->
                                    client.genericKubernetesResources(
                                                    "monitoring.coreos.com/v1", kind)
                                            .inNamespace(namespace)
                                            .withLabel(INSTANCE, name)
                                            .list()
                                            .getItems()));
        }
        for (HasMetadata object : owned) {
            String key = object.getKind() + "/" + object.getMetadata().getName();
            uids.put(key, object.getMetadata().getUid());
            List<OwnerReference> controllers =
                    object.getMetadata().getOwnerReferences().stream()
                            .filter(o -> Boolean.TRUE.equals(o.getController()))
                            .toList();
            boolean kept =
                    secretsKept
                            && object instanceof Secret
                            && object.getMetadata().getOwnerReferences().isEmpty();
            if (!kept
                    && (controllers.size() != 1
                            || !databaseUid.equals(controllers.get(0).getUid()))) {
                withoutOneController.add(key);
            }
        }
        Pattern claim = Pattern.compile(".+-" + Pattern.quote(name) + "-\\d+");
        client.persistentVolumeClaims().inNamespace(namespace).list().getItems().stream()
                .filter(c -> claim.matcher(c.getMetadata().getName()).matches())
                .forEach(
                        c ->
                                uids.put(
                                        "PersistentVolumeClaim/" + c.getMetadata().getName(),
                                        c.getMetadata().getUid()));
        return new OwnedObjects(uids, withoutOneController);
    }

    /** The {@code Kind/name}s. */
    public Set<String> names() {
        return uids.keySet();
    }

    /** The objects of this snapshot missing from {@code later} or there with another uid. */
    public List<String> lostOrReplacedIn(OwnedObjects later) {
        List<String> gone = new ArrayList<>();
        uids.forEach(
                (key, uid) -> {
                    String now = later.uids.get(key);
                    if (now == null) {
                        gone.add(key + " lost");
                    } else if (!now.equals(uid)) {
                        gone.add(key + " replaced");
                    }
                });
        return gone;
    }

    /** The list, or none when the kind is not served (monitors without their CRDs). */
    private static List<? extends HasMetadata> labelled(
            Supplier<List<? extends HasMetadata>> list) {
        try {
            return list.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }
}
