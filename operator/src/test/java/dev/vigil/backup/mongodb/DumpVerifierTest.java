package dev.vigil.backup.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.vigil.backup.VerificationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier against a restored server: the MongoDB wire-protocol double (mongo-java-server) on a
 * free loopback port stands in for the pod's throwaway mongod, holding what mongorestore would have
 * written.
 */
class DumpVerifierTest {

    private static final String REPORT =
            "{\"label\":\"20261205T013000Z\",\"finishedAt\":\"2026-12-05T01:31:12Z\"}";

    @TempDir Path dump;

    private MongoServer server;
    private int port;

    @BeforeEach
    void startServer() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        port = server.getLocalAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.shutdownNow();
    }

    @Test
    void aRestoreThatEndedWellIsQueriedAndItsLargestCollectionsCounted() throws Exception {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            insert(client, "shop", "orders", 12);
            insert(client, "shop", "items", 30);
            insert(client, "billing", "invoices", 7);
            for (int i = 0; i < 4; i++) {
                insert(client, "misc", "small" + i, 1);
            }
        }
        Files.writeString(dump.resolve("mongodump.exit"), "0\n");
        Files.writeString(dump.resolve("download.json"), REPORT);

        VerificationResult result = verifier().verify();

        assertThat(result.verified()).as(result.message()).isTrue();
        assertThat(result.recoveredTo()).isEqualTo("2026-12-05T01:31:12Z");
        assertThat(result.restoreSeconds()).isNotNegative();
        assertThat(result.tables())
                .containsExactly(
                        new VerificationResult.Table("shop", "items", 30),
                        new VerificationResult.Table("shop", "orders", 12),
                        new VerificationResult.Table("billing", "invoices", 7),
                        new VerificationResult.Table("misc", "small0", 1),
                        new VerificationResult.Table("misc", "small1", 1));
    }

    @Test
    void aFailedMongorestoreFailsTheVerification() throws Exception {
        Files.writeString(dump.resolve("mongodump.exit"), "1\n");
        Files.writeString(dump.resolve("download.json"), REPORT);

        VerificationResult result = verifier().verify();

        assertThat(result.verified()).isFalse();
        assertThat(result.message()).startsWith("mongorestore exited with status 1");
    }

    @Test
    void aFailedDownloadIsTheReasonEvenWhenMongorestoreReadAnEmptyStream() throws Exception {
        Files.writeString(dump.resolve("mongodump.exit"), "0\n");
        Files.writeString(
                dump.resolve("download.json"),
                "{\"failedAt\":\"2026-12-05T09:00:01Z\",\"message\":\"the store has no dump\"}");

        VerificationResult result = verifier().verify();

        assertThat(result.verified()).isFalse();
        assertThat(result.message()).isEqualTo("the download failed: the store has no dump");
    }

    @Test
    void noExitStatusWithinTheTimeoutFails() throws Exception {
        VerificationResult result =
                new DumpVerifier(
                                port,
                                dump.resolve("mongodump.exit"),
                                dump.resolve("download.json"),
                                Duration.ZERO,
                                Clock.systemUTC())
                        .verify();

        assertThat(result.verified()).isFalse();
        assertThat(result.message()).startsWith("mongorestore left no exit status");
    }

    @Test
    void aServerThatDoesNotAnswerFails() throws Exception {
        Files.writeString(dump.resolve("mongodump.exit"), "0\n");
        Files.writeString(dump.resolve("download.json"), REPORT);
        server.shutdownNow();

        VerificationResult result = verifier().verify();

        assertThat(result.verified()).isFalse();
        assertThat(result.message()).startsWith("the restored server did not answer");
    }

    private DumpVerifier verifier() {
        return new DumpVerifier(
                port,
                dump.resolve("mongodump.exit"),
                dump.resolve("download.json"),
                Duration.ofSeconds(5),
                Clock.systemUTC(),
                Duration.ofSeconds(2));
    }

    private static void insert(MongoClient client, String database, String collection, int n) {
        List<Document> documents = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> documents.add(new Document("n", i)));
        client.getDatabase(database).getCollection(collection).insertMany(documents);
    }
}
