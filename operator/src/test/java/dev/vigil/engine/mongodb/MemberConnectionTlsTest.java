package dev.vigil.engine.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.connection.SslSettings;
import dev.vigil.engine.ClientTls;
import dev.vigil.testing.tls.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MongoDB driver's TLS settings for Vigil's connections. The wire-protocol double has no TLS,
 * so these settings are checked here rather than against a server.
 */
class MemberConnectionTlsTest {

    @TempDir Path files;

    private static SslSettings settings(ClientTls tls) {
        SslSettings.Builder builder = SslSettings.builder();
        MemberConnection.tls(builder, tls);
        return builder.build();
    }

    @Test
    void withoutTlsTheConnectionIsPlain() {
        assertThat(settings(ClientTls.NONE).isEnabled()).isFalse();
    }

    @Test
    void withTlsTheDriverTrustsTheSecretsCaAndNotTheHostName() {
        TestCertificates ca = TestCertificates.issue(files, "test-ca", List.of("orders-0"));
        SslSettings settings = settings(ClientTls.encrypted(Optional.of(ca.caPem())));

        assertThat(settings.isEnabled()).isTrue();
        assertThat(settings.getContext()).as("an SSLContext trusting ca.crt").isNotNull();
        assertThat(settings.isInvalidHostNameAllowed()).isTrue();
    }
}
