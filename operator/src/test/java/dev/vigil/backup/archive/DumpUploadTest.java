package dev.vigil.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DumpUpload} reading a real FIFO, as the backup pod's upload container does. */
class DumpUploadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");

    @TempDir Path directory;

    private Path store;
    private Path fifo;
    private Path exitFile;
    private Path report;
    private final StringWriter out = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        store = directory.resolve("store/payments/orders");
        fifo = Fifos.make(directory.resolve("archive.pipe"));
        exitFile = directory.resolve("mongodump.exit");
        report = directory.resolve("termination-log");
    }

    @Test
    void aDumpThatExitedZeroIsStoredWithItsManifestAndReported() throws Exception {
        DumpRepository repository = new DumpRepository(new DirectoryArchiveStore(store));
        DumpManifest oldest = earlierDump(repository, Duration.ofDays(2));
        DumpManifest older = earlierDump(repository, Duration.ofDays(1));
        byte[] archive = new byte[300_000];
        new Random(7).nextBytes(archive);
        CompletableFuture<Void> mongodump = Fifos.dump(fifo, archive, exitFile, "0\n");

        int exitCode = upload(Retention.newest(2)).run();

        mongodump.join();
        assertThat(exitCode).as(out.toString()).isEqualTo(DumpUpload.UPLOADED);
        List<DumpManifest> dumps = repository.list();
        assertThat(dumps).hasSize(2).doesNotContain(oldest).startsWith(older);
        DumpManifest stored = dumps.get(1);
        assertThat(stored.label()).isEqualTo("20261206T030000Z");
        assertThat(stored.sizeBytes()).isEqualTo(archive.length);
        assertThat(store.resolve("mongodump/20261206T030000Z.archive.gz"))
                .hasBinaryContent(archive);

        assertThat(Files.size(report)).isLessThanOrEqualTo(DumpReport.MAX_BYTES);
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("label").asText()).isEqualTo("20261206T030000Z");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-12-06T03:00:00Z");
        assertThat(json.get("finishedAt").asText()).isEqualTo("2026-12-06T03:00:00Z");
        assertThat(json.get("sizeBytes").asLong()).isEqualTo(archive.length);
        assertThat(json.get("durationSeconds").isNumber()).isTrue();
        assertThat(json.get("recoverableFrom").asText()).isEqualTo(older.finishedAt().toString());
        assertThat(json.get("recoverableTo").asText()).isEqualTo("2026-12-06T03:00:00Z");
        assertThat(json.get("kept").asInt()).isEqualTo(2);
        assertThat(out.toString()).contains("stored 20261206T030000Z (300000 bytes) in " + store);
    }

    @Test
    void aDumpThatExitedNonZeroLeavesNothingAndFails() throws Exception {
        CompletableFuture<Void> mongodump =
                Fifos.dump(fifo, "half an archive".getBytes(), exitFile, "2\n");

        int exitCode = upload(Retention.newest(7)).run();

        mongodump.join();
        assertThat(exitCode).isEqualTo(DumpUpload.FAILED);
        assertThat(filesUnder(store)).isEmpty();
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("message").asText()).isEqualTo("mongodump exited with status 2");
        assertThat(json.get("failedAt").asText()).isEqualTo("2026-12-06T03:00:00Z");
        assertThat(json.get("durationSeconds").isNumber()).isTrue();
        assertThat(json.has("label")).isFalse();
    }

    @Test
    void noExitStatusWithinTheWaitFails() throws Exception {
        CompletableFuture<Void> mongodump = Fifos.dump(fifo, "an archive".getBytes(), null, null);

        int exitCode = upload(Retention.newest(7)).exitStatusWait(Duration.ZERO).run();

        mongodump.join();
        assertThat(exitCode).isEqualTo(DumpUpload.FAILED);
        assertThat(filesUnder(store)).isEmpty();
        assertThat(JSON.readTree(report.toFile()).get("message").asText())
                .isEqualTo("no exit status from mongodump after 0 s");
    }

    @Test
    void aStoreThatCannotBeOpenedIsReportedAndBreaksMongodumpsPipe() throws Exception {
        CompletableFuture<Void> mongodump =
                Fifos.dump(fifo, new byte[4 * 1024 * 1024], exitFile, "0\n");

        int exitCode =
                new DumpUpload(
                                () -> ArchiveStores.fromEnvironment(java.util.Map.of()),
                                fifo,
                                exitFile,
                                Retention.newest(7),
                                report,
                                new MutableClock(NOW),
                                new PrintWriter(out, true))
                        .run();

        assertThat(exitCode).isEqualTo(DumpUpload.FAILED);
        assertThat(JSON.readTree(report.toFile()).get("message").asText())
                .isEqualTo("VIGIL_STORE_TYPE is not set");
        // More than a pipe holds: the writer meets the closed end instead of waiting forever.
        assertThatThrownBy(mongodump::join).hasMessageContaining("Broken pipe");
    }

    private DumpUpload upload(Retention retention) {
        return new DumpUpload(
                () -> new DirectoryArchiveStore(store),
                fifo,
                exitFile,
                retention,
                report,
                new MutableClock(NOW),
                new PrintWriter(out, true));
    }

    private static DumpManifest earlierDump(DumpRepository repository, Duration before)
            throws IOException {
        return repository.upload(
                new ByteArrayInputStream(new byte[] {1}), new MutableClock(NOW.minus(before)));
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
