package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testing.tls.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ClientTls}, {@link PemTrust} and the credentials that carry them. */
class ClientTlsTest {

    @TempDir Path files;

    @Test
    void credentialsWithoutTlsConnectInPlainTextAndNeverShowThePasswordOrTheCa() {
        DatabaseCredentials plain = new DatabaseCredentials("vigil", "s3cret");
        assertThat(plain.tls()).isEqualTo(ClientTls.NONE);

        DatabaseCredentials tls =
                plain.withTls(ClientTls.encrypted(Optional.of("-----BEGIN CERTIFICATE-----")));
        assertThat(tls.tls().enabled()).isTrue();
        assertThat(tls.toString())
                .doesNotContain("s3cret")
                .doesNotContain("BEGIN")
                .contains("verify-ca");
    }

    @Test
    void aTrustStoreFromPemTrustsTheCa() throws Exception {
        TestCertificates ca = TestCertificates.issue(files, "test-ca", List.of("db.example"));
        assertThat(PemTrust.sslContext(ca.caPem()).getProtocol()).isEqualTo("TLS");
    }

    @Test
    void textWithoutACertificateIsRefused() {
        assertThatThrownBy(() -> PemTrust.sslContext("not a certificate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ca.crt");
    }
}
