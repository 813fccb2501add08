package dev.vigil.e2e.node;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.names.DatabaseAddressResolver;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Runs one command on one member, as a user, with the real driver: for what Vigil's client does not
 * ask.
 */
final class MongoTestClient {

    private MongoTestClient() {}

    static Document run(
            DatabaseAddressResolver dns,
            String member,
            DatabaseCredentials credentials,
            Document command) {
        int colon = member.lastIndexOf(':');
        InetSocketAddress socket =
                dns.resolve(
                        member.substring(0, colon), Integer.parseInt(member.substring(colon + 1)));
        MongoClientSettings settings =
                MongoClientSettings.builder()
                        .credential(
                                MongoCredential.createScramSha256Credential(
                                        credentials.username(),
                                        "admin",
                                        credentials.password().toCharArray()))
                        .applyToClusterSettings(
                                c ->
                                        c.hosts(
                                                        List.of(
                                                                new ServerAddress(
                                                                        socket.getHostString(),
                                                                        socket.getPort())))
                                                .mode(ClusterConnectionMode.SINGLE)
                                                .serverSelectionTimeout(2, TimeUnit.SECONDS))
                        .build();
        try (MongoClient client = MongoClients.create(settings)) {
            return client.getDatabase("admin").runCommand(command);
        }
    }
}
