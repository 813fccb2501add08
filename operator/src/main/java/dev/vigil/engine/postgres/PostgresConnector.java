package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.engine.ClientTls;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.MemberAddress;
import dev.vigil.names.DatabaseAddressResolver;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.postgresql.ssl.NonValidatingFactory;

/**
 * Opens one JDBC connection to one member, to its {@code postgres} database, at the socket the
 * {@link DatabaseAddressResolver} gives for the member's DNS name. The URL names only host, port
 * and database; user and password go in the connection properties, so they never appear in a URL.
 */
final class PostgresConnector {

    static final String DATABASE = "postgres";
    private static final String APPLICATION_NAME = "vigil-operator";

    private final DatabaseAddressResolver resolver;
    private final Duration timeout;
    private final Driver driver = new Driver();

    /**
     * @param resolver maps member DNS names to sockets
     * @param timeout to connect and authenticate, and for each reply
     */
    PostgresConnector(DatabaseAddressResolver resolver, Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.resolver = resolver;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** A connection whose replies may take up to the constructor's timeout. */
    Connection open(String member, DatabaseCredentials credentials) throws SQLException {
        return open(member, credentials, timeout);
    }

    /**
     * A connection whose replies may take up to {@code replyTimeout}, for statements that wait on
     * the server, such as {@code pg_promote}.
     */
    Connection open(String member, DatabaseCredentials credentials, Duration replyTimeout)
            throws SQLException {
        MemberAddress address = MemberAddress.parse(member, Engine.POSTGRESQL_PORT);
        InetSocketAddress socket = resolver.resolve(address.host(), address.port());
        String host = socket.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        String url = "jdbc:postgresql://" + host + ":" + socket.getPort() + "/" + DATABASE;
        Properties properties = new Properties();
        PGProperty.USER.set(properties, credentials.username());
        PGProperty.PASSWORD.set(properties, credentials.password());
        tls(properties, credentials.tls());
        PGProperty.CONNECT_TIMEOUT.set(properties, seconds(timeout));
        PGProperty.LOGIN_TIMEOUT.set(properties, seconds(timeout));
        PGProperty.SOCKET_TIMEOUT.set(properties, seconds(replyTimeout));
        PGProperty.APPLICATION_NAME.set(properties, APPLICATION_NAME);
        // Server error details can quote values; Vigil's messages carry the primary message only.
        PGProperty.LOG_SERVER_ERROR_DETAIL.set(properties, false);
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver did not accept the URL for " + member);
        }
        return connection;
    }

    /**
     * Without TLS in the spec, {@code prefer}, as before. With it, {@code verify-ca} against the
     * Secret's CA when it has one ({@link PemTrustSocketFactory}), else {@code require}: encrypted,
     * the certificate unchecked.
     */
    static void tls(Properties properties, ClientTls tls) {
        if (!tls.enabled()) {
            PGProperty.SSL_MODE.set(properties, "prefer");
            return;
        }
        if (tls.ca().isPresent()) {
            PGProperty.SSL_MODE.set(properties, "verify-ca");
            PGProperty.SSL_FACTORY.set(properties, PemTrustSocketFactory.class.getName());
            properties.setProperty(PemTrustSocketFactory.CA_PEM_PROPERTY, tls.ca().get());
        } else {
            PGProperty.SSL_MODE.set(properties, "require");
            PGProperty.SSL_FACTORY.set(properties, NonValidatingFactory.class.getName());
        }
    }

    /** The driver takes whole seconds; round up so a short timeout never becomes "none" (0). */
    private static int seconds(Duration duration) {
        long millis = duration.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
    }
}
