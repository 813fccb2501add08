package dev.vigil.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceAccountRulesTest {

    private static List<FieldError> check(String annotations) {
        MonitoredDatabase database =
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: orders, namespace: shop}
                        spec:
                          engine: PostgreSQL
                          version: "16.4"
                          serviceAccount:
                            annotations: %s
                        """
                                .formatted(annotations),
                        MonitoredDatabase.class);
        return SpecRules.check(database);
    }

    @Test
    void cloudIdentityAnnotationsPass() {
        assertThat(
                        check(
                                "{iam.gke.io/gcp-service-account:"
                                        + " orders@shop-prod.iam.gserviceaccount.com,"
                                        + " eks.amazonaws.com/role-arn:"
                                        + " 'arn:aws:iam::111122223333:role/orders', note: free"
                                        + " text}"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "has space",
                "Upper.Case/name",
                "example.com/",
                "/name",
                "a/b/c",
                "-leading-dash",
                "trailing-dot.",
                // A name of 64 characters.
                "x.example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void aKeyTheApiServerWouldRefuseIsRefusedNamingTheFieldAndTheKey(String key) {
        assertThat(check("{'" + key + "': v}"))
                .containsExactly(
                        new FieldError(
                                "spec.serviceAccount.annotations",
                                "key '" + key + "' " + ServiceAccountRules.KEY_SYNTAX));
    }

    @Test
    void keysUnderVigilsPrefixAreReserved() {
        assertThat(check("{vigil.dev/annotations-from-spec: x}"))
                .containsExactly(
                        new FieldError(
                                "spec.serviceAccount.annotations",
                                "key 'vigil.dev/annotations-from-spec' is reserved: keys under"
                                        + " vigil.dev/ are Vigil's own"));
    }

    @Test
    void moreThan256KibInAllIsRefused() {
        String value = "x".repeat(130 * 1024);

        assertThat(check("{a: " + value + ", b: " + value + "}"))
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field()).isEqualTo("spec.serviceAccount.annotations");
                            assertThat(error.reason()).contains("at most 256 KiB");
                        });
        assertThat(check("{a: " + value + "}")).isEmpty();
    }
}
