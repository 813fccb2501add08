package dev.vigil.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

class DesiredStateMatcherTest {

    private static StatefulSetBuilder statefulSet(String image, String cpu) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName("catalog")
                .withNamespace("shop")
                .addToLabels("app.kubernetes.io/instance", "catalog")
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("mongod")
                .withImage(image)
                .withNewResources()
                .addToRequests("cpu", new Quantity(cpu))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec();
    }

    @Test
    void fieldsAddedByTheServerOrOthersDoNotCount() {
        StatefulSet desired = statefulSet("mongo:7.0.14", "500m").build();
        StatefulSet actual =
                statefulSet("mongo:7.0.14", "500m")
                        .editMetadata()
                        .withResourceVersion("42")
                        .withUid("uid-1")
                        .addToLabels("team", "payments")
                        .addToAnnotations("kubectl.kubernetes.io/last-applied", "{}")
                        .endMetadata()
                        .editSpec()
                        .withPodManagementPolicy("OrderedReady")
                        .withRevisionHistoryLimit(10)
                        .endSpec()
                        .withNewStatus()
                        .withReadyReplicas(3)
                        .endStatus()
                        .build();

        assertThat(DesiredStateMatcher.matches(desired, actual)).isTrue();
    }

    @Test
    void aChangedFieldVigilSetsIsADifference() {
        StatefulSet desired = statefulSet("mongo:7.0.14", "500m").build();
        StatefulSet edited = statefulSet("mongo:6.0.0", "500m").build();

        assertThat(DesiredStateMatcher.matches(desired, edited)).isFalse();
    }

    @Test
    void aRemovedLabelIsADifference() {
        StatefulSet desired = statefulSet("mongo:7.0.14", "500m").build();
        StatefulSet actual =
                statefulSet("mongo:7.0.14", "500m")
                        .editMetadata()
                        .withLabels(null)
                        .endMetadata()
                        .build();

        assertThat(DesiredStateMatcher.matches(desired, actual)).isFalse();
    }

    @Test
    void quantitiesCompareByAmountAsTheApiServerRewritesThem() {
        assertThat(
                        DesiredStateMatcher.matches(
                                statefulSet("mongo:7.0.14", "0.5").build(),
                                statefulSet("mongo:7.0.14", "500m").build()))
                .isTrue();
        assertThat(
                        DesiredStateMatcher.matches(
                                statefulSet("mongo:7.0.14", "1").build(),
                                statefulSet("mongo:7.0.14", "500m").build()))
                .isFalse();
    }

    @Test
    void listsMustHaveTheSameLength() {
        Service desired =
                new ServiceBuilder()
                        .withNewMetadata()
                        .withName("catalog")
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withName("mongodb")
                        .withPort(27017)
                        .endPort()
                        .endSpec()
                        .build();
        Service withExtraPort =
                new ServiceBuilder(desired)
                        .editSpec()
                        .addNewPort()
                        .withName("debug")
                        .withPort(9999)
                        .endPort()
                        .endSpec()
                        .build();

        assertThat(DesiredStateMatcher.matches(desired, withExtraPort)).isFalse();
    }

    @Test
    void versionLikeTextIsNotAQuantity() {
        StatefulSet desired =
                statefulSet("mongo:7.0.15", "500m")
                        .editMetadata()
                        .addToLabels("app.kubernetes.io/version", "7.0.15")
                        .endMetadata()
                        .build();
        StatefulSet actual =
                statefulSet("mongo:7.0.15", "500m")
                        .editMetadata()
                        .addToLabels("app.kubernetes.io/version", "7.0.14")
                        .endMetadata()
                        .build();

        assertThat(DesiredStateMatcher.matches(desired, actual)).isFalse();
    }
}
