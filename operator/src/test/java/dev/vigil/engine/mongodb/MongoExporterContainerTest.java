package dev.vigil.engine.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.api.v1alpha1.SecretKeyReference;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import org.junit.jupiter.api.Test;

class MongoExporterContainerTest {

    private static SecretKeyReference uriKey() {
        SecretKeyReference reference = new SecretKeyReference();
        reference.setName("atlas-uri");
        reference.setKey("uri");
        return reference;
    }

    private static Container build(MongoExporterTarget target) {
        return MongoExporterContainer.build(new ExporterSpec(), 9216, target, "monitor");
    }

    @Test
    void aMemberIsReachedDirectlyAsTheExporterDoesByDefault() {
        Container container = build(MongoExporterTarget.member("mongodb://127.0.0.1:27017/admin"));

        assertThat(container.getArgs())
                .containsExactly(
                        "--mongodb.uri=mongodb://127.0.0.1:27017/admin",
                        "--web.listen-address=:9216",
                        "--collect-all");
    }

    @Test
    void severalHostsAreOneDiscoveredDeploymentNotADirectConnection() {
        Container container =
                build(
                        MongoExporterTarget.discovered(
                                List.of("a.example:27017", "b.example:27018")));

        assertThat(container.getArgs())
                .startsWith(
                        "--mongodb.uri=mongodb://a.example:27017,b.example:27018/admin",
                        "--mongodb.direct-connect=false");
    }

    @Test
    void aUriFromASecretComesThroughTheEnvironmentOnly() {
        Container container = build(MongoExporterTarget.fromSecret(uriKey()));

        assertThat(container.getArgs())
                .noneMatch(arg -> arg.startsWith("--mongodb.uri"))
                .contains("--mongodb.direct-connect=false");
        assertThat(container.getEnv())
                .extracting(EnvVar::getName)
                .containsExactly("MONGODB_URI", "MONGODB_USER", "MONGODB_PASSWORD");
        EnvVar uri = container.getEnv().get(0);
        assertThat(uri.getValue()).isNull();
        assertThat(uri.getValueFrom().getSecretKeyRef().getName()).isEqualTo("atlas-uri");
        assertThat(uri.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("uri");
    }

    @Test
    void credentialsComeFromTheNamedSecretAndNeverAsAValue() {
        Container container = build(MongoExporterTarget.discovered(List.of("a.example:27017")));

        assertThat(container.getEnv())
                .allSatisfy(
                        env -> {
                            assertThat(env.getValue()).isNull();
                            assertThat(env.getValueFrom().getSecretKeyRef().getName())
                                    .isEqualTo("monitor");
                        });
        assertThat(container.getArgs()).noneMatch(arg -> arg.contains("@"));
    }

    @Test
    void theImageAndResourcesFollowTheSpecOrTheDefaults() {
        ExporterSpec exporter = new ExporterSpec();
        exporter.setImage("registry.example/mongodb_exporter:1");

        Container custom =
                MongoExporterContainer.build(
                        exporter, 9300, MongoExporterTarget.member("mongodb://x:1"), "monitor");
        Container plain = build(MongoExporterTarget.member("mongodb://x:1"));

        assertThat(custom.getImage()).isEqualTo("registry.example/mongodb_exporter:1");
        assertThat(custom.getPorts().get(0).getContainerPort()).isEqualTo(9300);
        assertThat(plain.getImage()).isEqualTo(MongoExporterContainer.DEFAULT_IMAGE);
        assertThat(plain.getResources().getLimits()).containsKey("memory");
    }

    @Test
    void aTargetHasExactlyOneSource() {
        assertThatThrownBy(() -> new MongoExporterTarget("mongodb://x:1", uriKey(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MongoExporterTarget(null, null, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MongoExporterTarget.discovered(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
