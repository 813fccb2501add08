package dev.vigil.engine.postgres;

import dev.vigil.engine.PemTrust;
import java.util.Properties;
import org.postgresql.ssl.WrappedFactory;

/**
 * The PostgreSQL driver's TLS socket factory for Vigil's connections: it trusts the CA of the
 * database's TLS Secret, passed as PEM text in the connection property {@link #CA_PEM_PROPERTY}, so
 * the CA is never written to a file (the driver's own {@code sslrootcert} names a file). The driver
 * instantiates it by name ({@code sslfactory}) with the connection's properties.
 */
public final class PemTrustSocketFactory extends WrappedFactory {

    /** The connection property holding the CA certificates, PEM. */
    static final String CA_PEM_PROPERTY = "vigil.sslrootcert.pem";

    /** Called by the driver with the connection's properties. */
    public PemTrustSocketFactory(Properties info) {
        String pem = info.getProperty(CA_PEM_PROPERTY);
        if (pem == null) {
            throw new IllegalArgumentException(CA_PEM_PROPERTY + " is required");
        }
        factory = PemTrust.sslContext(pem).getSocketFactory();
    }
}
