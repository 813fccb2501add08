package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.ServiceAccountSpec;
import dev.vigil.apply.ResourceApplier;
import dev.vigil.names.StandardLabels;
import dev.vigil.testing.TestDatabases;
import dev.vigil.testing.kube.SharedApiServer;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The database's ServiceAccount on a real kube-apiserver, written as the operator writes it ({@link
 * ResourceApplier}): its annotations follow the spec, one removed from the spec goes away, and one
 * someone else added stays.
 */
class DatabaseServiceAccountApplyTest {

    private static final String GKE = "iam.gke.io/gcp-service-account";
    private static final String EKS = "eks.amazonaws.com/role-arn";
    private static final String OTHERS = "example.com/added-by-someone";

    private final KubernetesClient client = SharedApiServer.get().client();
    private final ResourceApplier applier = new ResourceApplier(client);
    private final String namespace = SharedApiServer.get().newNamespace();

    @Test
    void annotationsFollowTheSpecAndLeaveOthersAlone() {
        apply(Map.of(GKE, "catalog@shop.iam.gserviceaccount.com", EKS, "arn:aws:iam::1:role/a"));
        client.serviceAccounts()
                .inNamespace(namespace)
                .withName("catalog")
                .edit(
                        account -> {
                            account.getMetadata().getAnnotations().put(OTHERS, "kept");
                            return account;
                        });

        apply(Map.of(GKE, "catalog-v2@shop.iam.gserviceaccount.com"));

        assertThat(live().getMetadata().getAnnotations())
                .containsEntry(GKE, "catalog-v2@shop.iam.gserviceaccount.com")
                .containsEntry(OTHERS, "kept")
                .containsEntry(DatabaseServiceAccount.SPEC_ANNOTATION_KEYS, GKE)
                .doesNotContainKey(EKS);

        apply(Map.of());

        assertThat(live().getMetadata().getAnnotations())
                .containsEntry(OTHERS, "kept")
                .containsEntry(DatabaseServiceAccount.SPEC_ANNOTATION_KEYS, "")
                .doesNotContainKeys(GKE, EKS);
    }

    private void apply(Map<String, String> annotations) {
        MonitoredDatabase database =
                SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", namespace));
        database.getMetadata().setUid(UUID.nameUUIDFromBytes(namespace.getBytes()).toString());
        ServiceAccountSpec spec = new ServiceAccountSpec();
        spec.setAnnotations(annotations);
        database.getSpec().setServiceAccount(spec);
        applier.apply(
                DatabaseServiceAccount.build(database, StandardLabels.COMPONENT_DATABASE),
                Optional.ofNullable(live()));
    }

    private ServiceAccount live() {
        return client.serviceAccounts().inNamespace(namespace).withName("catalog").get();
    }
}
