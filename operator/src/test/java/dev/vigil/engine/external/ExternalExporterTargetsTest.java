package dev.vigil.engine.external;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.ExternalSpec;
import dev.vigil.api.v1alpha1.SecretKeyReference;
import dev.vigil.engine.mongodb.MongoExporterTarget;
import dev.vigil.engine.postgres.PostgresExporterTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExternalExporterTargetsTest {

    private static ExternalSpec endpoints(String... endpoints) {
        ExternalSpec external = new ExternalSpec();
        external.setEndpoints(List.of(endpoints));
        external.setCredentialsSecretName("monitor");
        return external;
    }

    private static ExternalSpec uriSecret() {
        SecretKeyReference reference = new SecretKeyReference();
        reference.setName("db-uri");
        reference.setKey("uri");
        ExternalSpec external = new ExternalSpec();
        external.setUriSecret(reference);
        external.setCredentialsSecretName("monitor");
        return external;
    }

    @Test
    void mongoDbDiscoversTheDeploymentBehindEveryEndpoint() {
        MongoExporterTarget target =
                ExternalExporterTargets.mongo(endpoints("a.example:27017", "b.example:27017"));

        assertThat(target.uri()).isEqualTo("mongodb://a.example:27017,b.example:27017/admin");
        assertThat(target.directConnection()).isFalse();
    }

    @Test
    void postgreSqlWatchesTheFirstEndpointOverTls() {
        PostgresExporterTarget target =
                ExternalExporterTargets.postgres(endpoints("primary.example:5432", "standby:5432"));

        assertThat(target.uri()).isEqualTo("primary.example:5432/postgres?sslmode=require");
    }

    @Test
    void aUriSecretIsPassedOnAsIsForEitherEngine() {
        assertThat(ExternalExporterTargets.mongo(uriSecret()).uriSecret().getName())
                .isEqualTo("db-uri");
        assertThat(ExternalExporterTargets.mongo(uriSecret()).directConnection()).isFalse();
        assertThat(ExternalExporterTargets.postgres(uriSecret()).uriSecret().getKey())
                .isEqualTo("uri");
    }
}
