package dev.vigil.backup.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.vigil.backup.VerificationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil backup verify-dump}: the verifier of a MongoDB verification pod. It waits for the
 * restore to end (mongorestore's exit status, written beside the FIFO), reads which dump the
 * download sent, then queries the restored server on the pod's loopback address: the {@value
 * VerificationResult#MAX_TABLES} largest collections by estimated size, each counted document by
 * document, which reads every document. The time from its start (the pod's, since every container
 * starts together) to the counts is the measured RTO.
 */
public final class DumpVerifier {

    /** How often the exit status is looked for. */
    static final Duration POLL = Duration.ofSeconds(1);

    /** How long the restored server may take to answer once the restore ended. */
    static final Duration SERVER_WAIT = Duration.ofSeconds(30);

    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "config", "local");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Path exitStatus;
    private final Path downloadReport;
    private final Duration timeout;
    private final Clock clock;
    private final Duration serverWait;

    /**
     * @param port the throwaway mongod's port on 127.0.0.1
     * @param exitStatus where the restore writes mongorestore's exit status
     * @param downloadReport where the download writes which dump it sent
     * @param timeout how long the restore may take
     */
    public DumpVerifier(
            int port, Path exitStatus, Path downloadReport, Duration timeout, Clock clock) {
        this(port, exitStatus, downloadReport, timeout, clock, SERVER_WAIT);
    }

    /** As above, waiting {@code serverWait} for the restored server to answer. */
    DumpVerifier(
            int port,
            Path exitStatus,
            Path downloadReport,
            Duration timeout,
            Clock clock,
            Duration serverWait) {
        this.port = port;
        this.exitStatus = exitStatus;
        this.downloadReport = downloadReport;
        this.timeout = timeout;
        this.clock = clock;
        this.serverWait = serverWait;
    }

    /** Waits for the restore and checks what it restored. */
    public VerificationResult verify() throws InterruptedException {
        Instant started = clock.instant();
        Optional<Integer> status = awaitExitStatus(started);
        if (status.isEmpty()) {
            return VerificationResult.failed(
                    started.toString(),
                    "mongorestore left no exit status in " + timeout.toMinutes() + " minutes");
        }
        Report report = readReport();
        if (report.failure() != null) {
            return VerificationResult.failed(
                    started.toString(), "the download failed: " + report.failure());
        }
        if (status.get() != 0) {
            return VerificationResult.failed(
                    started.toString(),
                    "mongorestore exited with status "
                            + status.get()
                            + " (kubectl logs <pod> -c mongorestore)");
        }
        List<VerificationResult.Table> tables;
        try {
            tables = largestCollections();
        } catch (MongoException e) {
            return VerificationResult.failed(
                    started.toString(), "the restored server did not answer: " + e.getMessage());
        }
        Instant queryable = clock.instant();
        return new VerificationResult(
                true,
                started.toString(),
                queryable.toString(),
                Duration.between(started, queryable).toMillis() / 1000.0,
                report.finishedAt(),
                tables,
                null);
    }

    private Optional<Integer> awaitExitStatus(Instant started) throws InterruptedException {
        Instant deadline = started.plus(timeout);
        while (true) {
            Optional<Integer> status = exitStatus();
            if (status.isPresent() || !clock.instant().isBefore(deadline)) {
                return status;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private Optional<Integer> exitStatus() {
        try {
            String text = Files.readString(exitStatus, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
        } catch (IOException | NumberFormatException e) {
            // Not written yet, or being written.
            return Optional.empty();
        }
    }

    /** Which dump was restored, or why the download failed. */
    private record Report(String finishedAt, String failure) {}

    private Report readReport() {
        JsonNode node;
        try {
            node = JSON.readTree(Files.readString(downloadReport, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Report(null, "no report from the download (" + e.getMessage() + ")");
        }
        if (node == null || node.hasNonNull("message")) {
            return new Report(
                    null, node == null ? "an empty report" : node.get("message").asText());
        }
        return new Report(node.path("finishedAt").asText(null), null);
    }

    private List<VerificationResult.Table> largestCollections() {
        MongoClientSettings settings =
                MongoClientSettings.builder()
                        .applyConnectionString(
                                new ConnectionString(
                                        "mongodb://127.0.0.1:" + port + "/?directConnection=true"))
                        .applyToClusterSettings(
                                cluster ->
                                        cluster.serverSelectionTimeout(
                                                serverWait.toMillis(), TimeUnit.MILLISECONDS))
                        .build();
        try (MongoClient client = MongoClients.create(settings)) {
            List<Sized> collections = new ArrayList<>();
            for (String name : client.listDatabaseNames()) {
                if (SYSTEM_DATABASES.contains(name)) {
                    continue;
                }
                MongoDatabase database = client.getDatabase(name);
                for (String collection : database.listCollectionNames()) {
                    if (!collection.startsWith("system.")) {
                        collections.add(
                                new Sized(
                                        name,
                                        collection,
                                        database.getCollection(collection)
                                                .estimatedDocumentCount()));
                    }
                }
            }
            return collections.stream()
                    .sorted(
                            Comparator.comparingLong(Sized::estimate)
                                    .reversed()
                                    .thenComparing(Sized::database)
                                    .thenComparing(Sized::collection))
                    .limit(VerificationResult.MAX_TABLES)
                    .map(
                            sized ->
                                    new VerificationResult.Table(
                                            sized.database(),
                                            sized.collection(),
                                            client.getDatabase(sized.database())
                                                    .getCollection(sized.collection())
                                                    .countDocuments()))
                    .toList();
        }
    }

    private record Sized(String database, String collection, long estimate) {}
}
