package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.ServiceAccountSpec;
import dev.vigil.apply.DesiredStateMatcher;
import dev.vigil.names.StandardLabels;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseServiceAccountTest {

    private static final String GKE = "iam.gke.io/gcp-service-account";
    private static final String EKS = "eks.amazonaws.com/role-arn";

    private final MonitoredDatabase database =
            SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", "shop"));

    @Test
    void isNamedAfterTheDatabaseAndOwnedByIt() {
        ServiceAccount account =
                DatabaseServiceAccount.build(database, StandardLabels.COMPONENT_DATABASE);

        assertThat(account.getMetadata().getName()).isEqualTo("catalog");
        assertThat(account.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(account.getMetadata().getOwnerReferences()).hasSize(1);
        assertThat(account.getMetadata().getLabels())
                .containsEntry(StandardLabels.MANAGED_BY, StandardLabels.MANAGED_BY_VIGIL)
                .containsEntry(StandardLabels.COMPONENT, StandardLabels.COMPONENT_DATABASE);
    }

    @Test
    void doesNotMountItsToken() {
        ServiceAccount account =
                DatabaseServiceAccount.build(database, StandardLabels.COMPONENT_METRICS);

        assertThat(account.getAutomountServiceAccountToken()).isFalse();
        assertThat(account.getSecrets()).isEmpty();
    }

    @Test
    void carriesTheSpecsAnnotationsAndListsTheirKeys() {
        ServiceAccount account =
                withAnnotations(
                        Map.of(
                                GKE, "catalog@shop-prod.iam.gserviceaccount.com",
                                EKS, "arn:aws:iam::111122223333:role/catalog"));

        assertThat(account.getMetadata().getAnnotations())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                GKE,
                                "catalog@shop-prod.iam.gserviceaccount.com",
                                EKS,
                                "arn:aws:iam::111122223333:role/catalog",
                                DatabaseServiceAccount.SPEC_ANNOTATION_KEYS,
                                EKS + "," + GKE));
    }

    @Test
    void withoutAnnotationsInTheSpecItListsNone() {
        ServiceAccount account =
                DatabaseServiceAccount.build(database, StandardLabels.COMPONENT_DATABASE);

        assertThat(account.getMetadata().getAnnotations())
                .containsExactly(Map.entry(DatabaseServiceAccount.SPEC_ANNOTATION_KEYS, ""));
    }

    @Test
    void aChangedAddedOrRemovedAnnotationMakesTheLiveAccountOutOfDate() {
        ServiceAccount live =
                withAnnotations(Map.of(GKE, "old@p.iam.gserviceaccount.com", EKS, "r"));
        // What others add to the live account does not count.
        live.getMetadata().getAnnotations().put("example.com/added-by-someone", "x");

        assertThat(
                        DesiredStateMatcher.matches(
                                withAnnotations(
                                        Map.of(GKE, "old@p.iam.gserviceaccount.com", EKS, "r")),
                                live))
                .isTrue();
        assertThat(
                        DesiredStateMatcher.matches(
                                withAnnotations(
                                        Map.of(GKE, "new@p.iam.gserviceaccount.com", EKS, "r")),
                                live))
                .isFalse();
        assertThat(
                        DesiredStateMatcher.matches(
                                withAnnotations(
                                        Map.of(
                                                GKE,
                                                "old@p.iam.gserviceaccount.com",
                                                EKS,
                                                "r",
                                                "team",
                                                "orders")),
                                live))
                .isFalse();
        assertThat(
                        DesiredStateMatcher.matches(
                                withAnnotations(Map.of(GKE, "old@p.iam.gserviceaccount.com")),
                                live))
                .isFalse();
        assertThat(DesiredStateMatcher.matches(withAnnotations(Map.of()), live)).isFalse();
    }

    private ServiceAccount withAnnotations(Map<String, String> annotations) {
        MonitoredDatabase copy =
                SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", "shop"));
        ServiceAccountSpec spec = new ServiceAccountSpec();
        spec.setAnnotations(annotations);
        copy.getSpec().setServiceAccount(spec);
        return DatabaseServiceAccount.build(copy, StandardLabels.COMPONENT_DATABASE);
    }
}
