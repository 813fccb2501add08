package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.resources.BuildContext;
import dev.vigil.testing.GoldenFiles;
import dev.vigil.testing.RestrictedPodSecurityStandard;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every workload Vigil renders, from every example in {@code examples/} and every golden case
 * input, meets the Kubernetes "restricted" Pod Security Standard, so namespaces that enforce it
 * admit Vigil's pods.
 */
class RestrictedPodSecurityTest {

    private static final Path EXAMPLES = Path.of("../examples");
    private static final Path GOLDEN_CASES = Path.of("src/test/resources/DerivedResourcesTest");
    private static final String DATABASE_KIND = "MonitoredDatabase";
    private static final BuildContext CONTEXT =
            BuildContext.of(
                    Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC),
                    CredentialGenerator.RENDER_PLACEHOLDERS);

    @TestFactory
    Stream<DynamicNode> examplesMeetTheRestrictedStandard() throws IOException {
        List<Path> files = yamlFiles(EXAMPLES);
        List<MonitoredDatabase> databases = new ArrayList<>();
        files.forEach(file -> databases.addAll(databasesIn(file)));
        assertThat(databases).as("MonitoredDatabases in %s", EXAMPLES).isNotEmpty();
        return databases.stream().map(RestrictedPodSecurityTest::workloadsOf);
    }

    @TestFactory
    Stream<DynamicNode> goldenCasesMeetTheRestrictedStandard() {
        List<Path> cases = GoldenFiles.caseDirs(GOLDEN_CASES);
        assertThat(cases).as("cases in %s", GOLDEN_CASES).isNotEmpty();
        return cases.stream()
                .flatMap(dir -> GoldenFiles.list(dir, "in-" + DATABASE_KIND + "-").stream())
                .flatMap(file -> databasesIn(file).stream())
                .map(RestrictedPodSecurityTest::workloadsOf);
    }

    @Test
    void theCheckerNamesTheWorkloadContainerAndRuleOfEachViolation() {
        PodSpec pod =
                new PodSpecBuilder()
                        .withHostNetwork(true)
                        .addNewVolume()
                        .withName("host")
                        .withNewHostPath()
                        .withPath("/var/run")
                        .endHostPath()
                        .endVolume()
                        .addNewInitContainer()
                        .withName("setup")
                        .withNewSecurityContext()
                        .withPrivileged(true)
                        .endSecurityContext()
                        .endInitContainer()
                        .addNewContainer()
                        .withName("app")
                        .withNewSecurityContext()
                        .withRunAsNonRoot(true)
                        .withAllowPrivilegeEscalation(false)
                        .withNewCapabilities()
                        .withDrop("ALL")
                        .withAdd("NET_BIND_SERVICE", "SYS_ADMIN")
                        .endCapabilities()
                        .withNewSeccompProfile()
                        .withType("Unconfined")
                        .endSeccompProfile()
                        .endSecurityContext()
                        .addNewPort()
                        .withName("http")
                        .withContainerPort(8080)
                        .withHostPort(80)
                        .endPort()
                        .endContainer()
                        .build();

        assertThat(RestrictedPodSecurityStandard.violations("Deployment/shop/web", pod))
                .containsExactlyInAnyOrder(
                        "Deployment/shop/web: hostNetwork must not be true",
                        "Deployment/shop/web: volume host: type hostPath is not allowed (only"
                                + " [configMap, csi, downwardAPI, emptyDir, ephemeral,"
                                + " persistentVolumeClaim, projected, secret])",
                        "Deployment/shop/web: init container setup: privileged must not be true",
                        "Deployment/shop/web: init container setup: allowPrivilegeEscalation must"
                                + " be false",
                        "Deployment/shop/web: init container setup: runAsNonRoot must be true"
                                + " (container or pod)",
                        "Deployment/shop/web: init container setup: capabilities must drop ALL",
                        "Deployment/shop/web: init container setup: seccompProfile must be"
                                + " RuntimeDefault or Localhost (container or pod)",
                        "Deployment/shop/web: container app: capability SYS_ADMIN must not be"
                                + " added",
                        "Deployment/shop/web: container app: seccompProfile Unconfined is not"
                                + " allowed",
                        "Deployment/shop/web: container app: hostPort must not be set (port"
                                + " http)");
    }

    @Test
    void theCheckerAcceptsSettingsInheritedFromThePod() {
        PodSpec pod =
                new PodSpecBuilder()
                        .withNewSecurityContext()
                        .withRunAsNonRoot(true)
                        .withNewSeccompProfile()
                        .withType("RuntimeDefault")
                        .endSeccompProfile()
                        .endSecurityContext()
                        .addNewContainer()
                        .withName("app")
                        .withNewSecurityContext()
                        .withAllowPrivilegeEscalation(false)
                        .withNewCapabilities()
                        .withDrop("ALL")
                        .endCapabilities()
                        .endSecurityContext()
                        .endContainer()
                        .addNewVolume()
                        .withName("scratch")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .endVolume()
                        .build();

        assertThat(RestrictedPodSecurityStandard.violations("StatefulSet/shop/db", pod)).isEmpty();
    }

    /** One test per StatefulSet and Deployment of {@code database}; at least one must exist. */
    private static DynamicContainer workloadsOf(MonitoredDatabase database) {
        List<HasMetadata> workloads =
                DatabaseResources.desired(database, CONTEXT).resources().stream()
                        .filter(r -> r instanceof StatefulSet || r instanceof Deployment)
                        .toList();
        assertThat(workloads).as("workloads of %s", database.getMetadata().getName()).isNotEmpty();
        return DynamicContainer.dynamicContainer(
                database.getMetadata().getNamespace() + "/" + database.getMetadata().getName(),
                workloads.stream()
                        .map(
                                workload ->
                                        DynamicTest.dynamicTest(
                                                describe(workload),
                                                () -> assertRestricted(workload))));
    }

    private static void assertRestricted(HasMetadata workload) {
        String name = describe(workload);
        assertThat(RestrictedPodSecurityStandard.violations(name, podSpec(workload)))
                .as("violations of the restricted Pod Security Standard by %s", name)
                .isEmpty();
    }

    private static PodSpec podSpec(HasMetadata workload) {
        if (workload instanceof StatefulSet set) {
            return set.getSpec().getTemplate().getSpec();
        }
        return ((Deployment) workload).getSpec().getTemplate().getSpec();
    }

    private static String describe(HasMetadata workload) {
        return workload.getKind()
                + "/"
                + workload.getMetadata().getNamespace()
                + "/"
                + workload.getMetadata().getName();
    }

    /** The MonitoredDatabases of a YAML file, in namespace {@code default} when it names none. */
    private static List<MonitoredDatabase> databasesIn(Path file) {
        List<MonitoredDatabase> databases = new ArrayList<>();
        for (String document : GoldenFiles.read(file).split("(?m)^---\\s*$")) {
            if (document.isBlank()) {
                continue;
            }
            GenericKubernetesResource generic =
                    Serialization.unmarshal(document, GenericKubernetesResource.class);
            if (generic == null || !DATABASE_KIND.equals(generic.getKind())) {
                continue;
            }
            MonitoredDatabase database = Serialization.unmarshal(document, MonitoredDatabase.class);
            if (Optional.ofNullable(database.getMetadata().getNamespace()).orElse("").isEmpty()) {
                database.getMetadata().setNamespace("default");
            }
            databases.add(database);
        }
        return databases;
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
