package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.ClientTls;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.PGProperty;
import org.postgresql.ssl.NonValidatingFactory;

/** The driver properties {@link PostgresConnector} sets for TLS. */
class PostgresConnectorTlsTest {

    private static Properties properties(ClientTls tls) {
        Properties properties = new Properties();
        PostgresConnector.tls(properties, tls);
        return properties;
    }

    @Test
    void withoutTlsInTheSpecTheDriverPrefersTls() {
        assertThat(PGProperty.SSL_MODE.getOrDefault(properties(ClientTls.NONE)))
                .isEqualTo("prefer");
    }

    @Test
    void withACaTheServerIsVerifiedAgainstItInMemory() {
        Properties properties = properties(ClientTls.encrypted(Optional.of("PEM")));
        assertThat(PGProperty.SSL_MODE.getOrDefault(properties)).isEqualTo("verify-ca");
        assertThat(PGProperty.SSL_FACTORY.getOrDefault(properties))
                .isEqualTo(PemTrustSocketFactory.class.getName());
        assertThat(properties.getProperty(PemTrustSocketFactory.CA_PEM_PROPERTY)).isEqualTo("PEM");
        assertThat(properties.getProperty(PGProperty.SSL_ROOT_CERT.getName()))
                .as("no CA file")
                .isNull();
    }

    @Test
    void withoutACaTheConnectionIsEncryptedOnly() {
        Properties properties = properties(ClientTls.encrypted(Optional.empty()));
        assertThat(PGProperty.SSL_MODE.getOrDefault(properties)).isEqualTo("require");
        assertThat(PGProperty.SSL_FACTORY.getOrDefault(properties))
                .isEqualTo(NonValidatingFactory.class.getName());
    }
}
