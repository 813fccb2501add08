package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The objects a pod refers to, read from the API server when the kubelet needs them. */
class PodObjects {

    private final KubernetesClient client;

    PodObjects(KubernetesClient client) {
        this.client = client;
    }

    Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
    }

    Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(name).get());
    }

    /**
     * A token of the pod's service account bound to the pod, as the kubelet requests one for a
     * {@code serviceAccountToken} projection: the API server rejects it once the pod is gone.
     *
     * @param audience the token's audience; null for the API server's own
     */
    TokenRequestStatus serviceAccountToken(Pod pod, String audience, long expirationSeconds) {
        String serviceAccount = pod.getSpec().getServiceAccountName();
        TokenRequest request =
                new TokenRequestBuilder()
                        .withNewSpec()
                        .withAudiences(audience == null ? List.of() : List.of(audience))
                        .withExpirationSeconds(expirationSeconds)
                        .withNewBoundObjectRef()
                        .withApiVersion("v1")
                        .withKind("Pod")
                        .withName(pod.getMetadata().getName())
                        .withUid(pod.getMetadata().getUid())
                        .endBoundObjectRef()
                        .endSpec()
                        .build();
        return client.serviceAccounts()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(serviceAccount == null ? "default" : serviceAccount)
                .tokenRequest(request)
                .getStatus();
    }

    Optional<PersistentVolumeClaim> claim(String namespace, String name) {
        return Optional.ofNullable(
                client.persistentVolumeClaims().inNamespace(namespace).withName(name).get());
    }

    /**
     * Marks a claim {@code Bound} with the capacity it asks for, as a dynamic provisioner and the
     * volume binder would; a claim already bound is left alone.
     */
    void bind(PersistentVolumeClaim claim) {
        if (claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase())) {
            return;
        }
        client.persistentVolumeClaims()
                .inNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName())
                .editStatus(
                        live -> {
                            live.setStatus(
                                    new PersistentVolumeClaimStatusBuilder()
                                            .withPhase("Bound")
                                            .withAccessModes(live.getSpec().getAccessModes())
                                            .withCapacity(
                                                    live.getSpec().getResources() == null
                                                            ? null
                                                            : live.getSpec()
                                                                    .getResources()
                                                                    .getRequests())
                                            .build());
                            return live;
                        });
    }

    /**
     * A Secret's values as bytes: {@code data} decoded, and {@code stringData} as the API server
     * would have merged it (the mock server may keep it as written).
     */
    static Map<String, byte[]> values(Secret secret) {
        Map<String, byte[]> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData()
                    .forEach((key, value) -> values.put(key, Base64.getDecoder().decode(value)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData()
                    .forEach(
                            (key, value) ->
                                    values.put(key, value.getBytes(StandardCharsets.UTF_8)));
        }
        return values;
    }

    /** A ConfigMap's values as bytes: {@code data} and {@code binaryData}. */
    static Map<String, byte[]> values(ConfigMap configMap) {
        Map<String, byte[]> values = new LinkedHashMap<>();
        if (configMap.getData() != null) {
            configMap
                    .getData()
                    .forEach(
                            (key, value) ->
                                    values.put(key, value.getBytes(StandardCharsets.UTF_8)));
        }
        if (configMap.getBinaryData() != null) {
            configMap
                    .getBinaryData()
                    .forEach((key, value) -> values.put(key, Base64.getDecoder().decode(value)));
        }
        return values;
    }
}
