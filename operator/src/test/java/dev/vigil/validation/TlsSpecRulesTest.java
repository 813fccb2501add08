package dev.vigil.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SpecRules}' rules for {@code spec.tls}. */
class TlsSpecRulesTest {

    private static List<FieldError> check(String spec) {
        return SpecRules.check(
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: ledger, namespace: apps}
                        spec:
                        %s
                        """
                                .formatted(spec.indent(2)),
                        MonitoredDatabase.class));
    }

    @Test
    void tlsWithASecretOrAnIssuerFollowsEveryRule() {
        assertThat(
                        check(
                                """
                                {engine: PostgreSQL, version: "16.4",
                                 tls: {enabled: true, secretName: ledger-cert}}
                                """))
                .isEmpty();
        assertThat(
                        check(
                                """
                                {engine: MongoDB, version: "7.0.14",
                                 tls: {enabled: true, issuer: {name: ca, kind: ClusterIssuer}}}
                                """))
                .isEmpty();
    }

    @Test
    void enabledTlsNeedsWhereTheCertificateComesFrom() {
        assertThat(check("{engine: PostgreSQL, version: '16.4', tls: {enabled: true}}"))
                .containsExactly(new FieldError("spec.tls", SpecRules.TLS_SOURCE_REQUIRED));
    }

    @Test
    void aSecretAndAnIssuerTogetherAreAmbiguous() {
        assertThat(
                        check(
                                """
                                {engine: PostgreSQL, version: "16.4",
                                 tls: {enabled: true, secretName: c, issuer: {name: ca}}}
                                """))
                .containsExactly(new FieldError("spec.tls", SpecRules.TLS_SOURCE_AMBIGUOUS));
    }

    @Test
    void disabledTlsMayKeepItsSettingsForLater() {
        assertThat(
                        check(
                                """
                                {engine: PostgreSQL, version: "16.4",
                                 tls: {enabled: false, secretName: c, issuer: {name: ca}}}
                                """))
                .isEmpty();
        assertThat(check("{engine: PostgreSQL, version: '16.4', tls: {}}")).isEmpty();
    }

    @Test
    void externalModeRunsNoServerSoTlsIsAskedInTheUri() {
        assertThat(
                        check(
                                """
                                engine: PostgreSQL
                                version: "16.4"
                                mode: External
                                external:
                                  endpoints: [db.example.com:5432]
                                  credentialsSecretName: monitor
                                tls: {enabled: true, secretName: c}
                                """))
                .containsExactly(new FieldError("spec.tls.enabled", SpecRules.TLS_EXTERNAL));
    }
}
