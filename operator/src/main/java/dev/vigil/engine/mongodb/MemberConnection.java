package dev.vigil.engine.mongodb;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.connection.SslSettings;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.engine.ClientTls;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.MemberAddress;
import dev.vigil.engine.PemTrust;
import dev.vigil.names.DatabaseAddressResolver;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * A driver client for exactly one replica-set member, as a direct connection: the driver does not
 * discover the other members, so Vigil decides which member it talks to, and a set that is not
 * initiated yet (no members to discover) can still be reached.
 */
final class MemberConnection implements AutoCloseable {

    private static final String ADMIN_DATABASE = "admin";
    private static final String APPLICATION_NAME = "vigil-operator";

    private final String member;
    private final ClientTimeouts timeouts;
    private final MongoClient client;

    private MemberConnection(String member, ClientTimeouts timeouts, MongoClient client) {
        this.member = member;
        this.timeouts = timeouts;
        this.client = client;
    }

    /**
     * Creates the client; the driver connects lazily, so errors show up on the first {@link #run}.
     *
     * @param member {@code host:port} as named in the replica-set configuration
     */
    static MemberConnection open(
            String member,
            DatabaseAddressResolver resolver,
            DatabaseCredentials credentials,
            ClientTimeouts timeouts) {
        MemberAddress address = MemberAddress.parse(member, Engine.MONGODB_PORT);
        InetSocketAddress socket = resolver.resolve(address.host(), address.port());
        MongoCredential credential =
                MongoCredential.createScramSha256Credential(
                        credentials.username(),
                        ADMIN_DATABASE,
                        credentials.password().toCharArray());
        MongoClientSettings settings =
                MongoClientSettings.builder()
                        .applicationName(APPLICATION_NAME)
                        .credential(credential)
                        .retryReads(false)
                        .retryWrites(false)
                        .applyToClusterSettings(
                                cluster ->
                                        cluster.hosts(
                                                        List.of(
                                                                new ServerAddress(
                                                                        socket.getHostString(),
                                                                        socket.getPort())))
                                                .mode(ClusterConnectionMode.SINGLE)
                                                .serverSelectionTimeout(
                                                        timeouts.connect().toMillis(),
                                                        TimeUnit.MILLISECONDS))
                        .applyToSocketSettings(
                                socketSettings ->
                                        socketSettings
                                                .connectTimeout(
                                                        (int) timeouts.connect().toMillis(),
                                                        TimeUnit.MILLISECONDS)
                                                .readTimeout(
                                                        (int) timeouts.command().toMillis(),
                                                        TimeUnit.MILLISECONDS))
                        .applyToConnectionPoolSettings(
                                pool ->
                                        pool.maxWaitTime(
                                                timeouts.connect().toMillis(),
                                                TimeUnit.MILLISECONDS))
                        .applyToSslSettings(ssl -> tls(ssl, credentials.tls()))
                        .build();
        return new MemberConnection(member, timeouts, MongoClients.create(settings));
    }

    /**
     * TLS as the database's Secret allows: the server's chain verified against its CA (MongoDB
     * always has one, see {@code MongoTls}); host names unchecked, as the address may be mapped.
     */
    static void tls(SslSettings.Builder ssl, ClientTls tls) {
        ssl.enabled(tls.enabled());
        if (tls.enabled()) {
            ssl.invalidHostNameAllowed(true);
            tls.ca().ifPresent(ca -> ssl.context(PemTrust.sslContext(ca)));
        }
    }

    String member() {
        return member;
    }

    /**
     * Runs a command on the {@code admin} database of this member.
     *
     * @param command the command document; its first key is the command's name
     */
    Document run(Document command) throws DatabaseException {
        String name = command.keySet().iterator().next();
        try {
            return client.getDatabase(ADMIN_DATABASE).runCommand(command);
        } catch (MongoException e) {
            throw MongoErrors.translate(member, name, e, timeouts);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
