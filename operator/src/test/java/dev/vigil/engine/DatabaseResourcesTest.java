package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.DesiredResources;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseResourcesTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    /** Distinct, recognisable values, so a leak into a non-Secret object is easy to spot. */
    private static final CredentialGenerator CREDENTIALS =
            new CredentialGenerator() {
                private int count;

                @Override
                public String password() {
                    return "secret-password-" + ++count;
                }

                @Override
                public String mongoKeyfile() {
                    return "secret-keyfile-" + ++count;
                }
            };

    private static MonitoredDatabase threeMembers() {
        MonitoredDatabase db = TestDatabases.mongo("catalog", "shop");
        db.getSpec().setReplicas(3);
        return db;
    }

    private static StatefulSet statefulSet(DesiredResources desired) {
        return desired.resources().stream()
                .filter(StatefulSet.class::isInstance)
                .map(StatefulSet.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void statefulSetRunsSpecReplicasByDefault() {
        DesiredResources desired =
                DatabaseResources.desired(threeMembers(), BuildContext.of(CLOCK, CREDENTIALS));

        assertThat(statefulSet(desired).getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void contextReplicasOverrideSpecReplicasWhileTheSetShrinks() {
        BuildContext context = BuildContext.of(CLOCK, CREDENTIALS).withStatefulSetReplicas(5);

        DesiredResources desired = DatabaseResources.desired(threeMembers(), context);

        assertThat(statefulSet(desired).getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void appliesSchemaDefaultsWithoutChangingTheArgument() {
        MonitoredDatabase db = TestDatabases.mongo("orders", "shop");

        DesiredResources desired =
                DatabaseResources.desired(db, BuildContext.of(CLOCK, CREDENTIALS));

        assertThat(statefulSet(desired).getSpec().getReplicas()).isEqualTo(1);
        assertThat(db.getSpec().getReplicas()).isNull();
        assertThat(db.getSpec().getExporter()).isNull();
    }

    @Test
    void ordersAccountConfigMapServicesPolicyStatefulSetThenBudgetAfterTheSecrets() {
        DesiredResources desired =
                DatabaseResources.desired(threeMembers(), BuildContext.of(CLOCK, CREDENTIALS));

        assertThat(desired.createOnlySecrets())
                .extracting(secret -> secret.getMetadata().getName())
                .containsExactly("catalog-admin", "catalog-monitoring", "catalog-keyfile");
        assertThat(desired.resources())
                .extracting(object -> object.getKind() + "/" + object.getMetadata().getName())
                .containsExactly(
                        "ServiceAccount/catalog",
                        "ConfigMap/catalog-config",
                        "Service/catalog-members",
                        "Service/catalog",
                        "Service/catalog-metrics",
                        "NetworkPolicy/catalog-network",
                        "StatefulSet/catalog",
                        "PodDisruptionBudget/catalog");
    }

    @Test
    void aSingleMemberGetsNoDisruptionBudget() {
        DesiredResources desired =
                DatabaseResources.desired(
                        TestDatabases.mongo("orders", "shop"), BuildContext.of(CLOCK, CREDENTIALS));

        assertThat(desired.resources()).noneMatch(PodDisruptionBudget.class::isInstance);
    }

    @Test
    void membersRunAsTheDatabasesAccountWithoutItsToken() {
        DesiredResources desired =
                DatabaseResources.desired(threeMembers(), BuildContext.of(CLOCK, CREDENTIALS));

        PodSpec pod = statefulSet(desired).getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("catalog");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theExternalExporterRunsAsTheDatabasesAccountWithoutItsToken(Engine engine) {
        DesiredResources desired =
                DatabaseResources.desired(external(engine), BuildContext.of(CLOCK, CREDENTIALS));

        PodSpec pod =
                desired.resources().stream()
                        .filter(Deployment.class::isInstance)
                        .map(Deployment.class::cast)
                        .findFirst()
                        .orElseThrow()
                        .getSpec()
                        .getTemplate()
                        .getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("ledger");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void generatedValuesAppearOnlyInsideSecrets() {
        DesiredResources desired =
                DatabaseResources.desired(threeMembers(), BuildContext.of(CLOCK, CREDENTIALS));

        assertThat(desired.createOnlySecrets())
                .allSatisfy(secret -> assertThat(secret).isInstanceOf(Secret.class));
        assertThat(Serialization.asYaml(desired.createOnlySecrets())).contains("secret-");
        for (HasMetadata object : desired.resources()) {
            assertThat(Serialization.asYaml(object))
                    .as("%s/%s", object.getKind(), object.getMetadata().getName())
                    .doesNotContain("secret-password-")
                    .doesNotContain("secret-keyfile-");
        }
    }

    @Test
    void buildsManagedPostgresqlWithTheContextsPrimary() {
        MonitoredDatabase db =
                TestDatabases.parse(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: ledger, namespace: shop}
                        spec: {engine: PostgreSQL, version: "16.4", replicas: 3}
                        """);
        BuildContext context = BuildContext.of(CLOCK, CREDENTIALS).withPrimaryOrdinal(1);

        DesiredResources desired = DatabaseResources.desired(db, context);

        assertThat(desired.createOnlySecrets())
                .extracting(secret -> secret.getMetadata().getName())
                .containsExactly("ledger-admin", "ledger-replication", "ledger-monitoring");
        assertThat(desired.resources())
                .extracting(object -> object.getKind() + "/" + object.getMetadata().getName())
                .containsExactly(
                        "ServiceAccount/ledger",
                        "ConfigMap/ledger-config",
                        "ConfigMap/ledger-primary",
                        "Service/ledger-members",
                        "Service/ledger-rw",
                        "Service/ledger-ro",
                        "Service/ledger-metrics",
                        "NetworkPolicy/ledger-network",
                        "StatefulSet/ledger",
                        "PodDisruptionBudget/ledger");
        assertThat(
                        desired.resources().stream()
                                .filter(ConfigMap.class::isInstance)
                                .map(ConfigMap.class::cast)
                                .filter(c -> c.getMetadata().getName().equals("ledger-primary"))
                                .findFirst()
                                .orElseThrow()
                                .getData())
                .as("the primary is named outside the pod template")
                .containsEntry("pod", "ledger-1");
        assertThat(Serialization.asYaml(statefulSet(desired)))
                .doesNotContain("ledger-1")
                .doesNotContain("secret-password-");
    }

    private static MonitoredDatabase external(Engine engine) {
        return TestDatabases.parse(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: ledger, namespace: shop}
                spec:
                  engine: %s
                  version: "16.4"
                  mode: External
                  external:
                    endpoints: ["ledger.db.example.com:5432"]
                    credentialsSecretName: ledger-monitor
                """
                        .formatted(engine));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void externalModeBuildsOnlyTheExporterItsAccountAndServiceAndNoSecretOrBudget(Engine engine) {
        DesiredResources desired =
                DatabaseResources.desired(external(engine), BuildContext.of(CLOCK, CREDENTIALS));

        assertThat(desired.createOnlySecrets()).isEmpty();
        assertThat(desired.resources())
                .extracting(object -> object.getKind() + "/" + object.getMetadata().getName())
                .containsExactly(
                        "ServiceAccount/ledger",
                        "Service/ledger-metrics",
                        "NetworkPolicy/ledger-network",
                        "Deployment/ledger-exporter");
    }

    @Test
    void externalModeWithoutTheExporterIsRefusedNamingTheField() {
        MonitoredDatabase db = external(Engine.MongoDB);
        db.getSpec().setExporter(new ExporterSpec());
        db.getSpec().getExporter().setEnabled(false);

        assertThatThrownBy(() -> DatabaseResources.desired(db, BuildContext.of(CLOCK, CREDENTIALS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.exporter.enabled: External mode runs only the exporter");
    }

    @Test
    void refusesAMissingEngine() {
        MonitoredDatabase db = TestDatabases.mongo("ledger", "shop");
        db.getSpec().setEngine(null);

        assertThatThrownBy(() -> DatabaseResources.desired(db, BuildContext.of(CLOCK, CREDENTIALS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.engine is required");
    }
}
