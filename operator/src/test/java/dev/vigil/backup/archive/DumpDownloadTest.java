package dev.vigil.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpDownloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DAY_ONE = Instant.parse("2026-12-01T02:00:00Z");

    @TempDir Path directory;

    private Path store;
    private Path report;
    private final StringWriter out = new StringWriter();

    @BeforeEach
    void setUp() {
        store = directory.resolve("store");
        report = directory.resolve("termination-log");
    }

    @Test
    void writesTheNewestDumpFinishedAtOrBeforeTheTarget() throws Exception {
        List<DumpManifest> dumps = threeDailyDumps();
        Path to = directory.resolve("archive");

        int exitCode = download(to).run(Optional.of(dumps.get(1).finishedAt().plusSeconds(3600)));

        assertThat(exitCode).as(out.toString()).isEqualTo(DumpDownload.DOWNLOADED);
        assertThat(to).hasContent("dump of day 1");
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("label").asText()).isEqualTo("20261202T020000Z");
        assertThat(json.get("finishedAt").asText()).isEqualTo("2026-12-02T02:00:00Z");
        assertThat(json.size()).isEqualTo(2);
    }

    @Test
    void withoutATargetWritesTheNewestIntoAFifo() throws Exception {
        threeDailyDumps();
        Path fifo = Fifos.make(directory.resolve("restore.pipe"));
        CompletableFuture<byte[]> mongorestore =
                CompletableFuture.supplyAsync(
                        () -> {
                            try (InputStream in = Files.newInputStream(fifo)) {
                                return in.readAllBytes();
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });

        int exitCode = download(fifo).run(Optional.empty());

        assertThat(exitCode).as(out.toString()).isEqualTo(DumpDownload.DOWNLOADED);
        assertThat(new String(mongorestore.join(), StandardCharsets.UTF_8))
                .isEqualTo("dump of day 2");
        assertThat(JSON.readTree(report.toFile()).get("label").asText())
                .isEqualTo("20261203T020000Z");
    }

    @Test
    void aTargetBeforeEveryDumpFailsNamingTheirSpan() throws Exception {
        threeDailyDumps();
        Path to = directory.resolve("archive");

        int exitCode = download(to).run(Optional.of(Instant.parse("2026-11-30T00:00:00Z")));

        assertThat(exitCode).isEqualTo(DumpDownload.FAILED);
        assertThat(to).doesNotExist();
        assertThat(JSON.readTree(report.toFile()).get("message").asText())
                .isEqualTo(
                        "no complete dump in "
                                + store
                                + " finished at or before 2026-11-30T00:00:00Z: the earliest"
                                + " finished at 2026-12-01T02:00:00Z, the latest at"
                                + " 2026-12-03T02:00:00Z");
    }

    @Test
    void aFailureEndsTheFifoSoItsReaderDoesNotWaitForever() throws Exception {
        Path fifo = Fifos.make(directory.resolve("restore.pipe"));
        CompletableFuture<byte[]> mongorestore =
                CompletableFuture.supplyAsync(
                        () -> {
                            try (InputStream in = Files.newInputStream(fifo)) {
                                return in.readAllBytes();
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });

        int exitCode = download(fifo).run(Optional.empty());

        assertThat(exitCode).isEqualTo(DumpDownload.FAILED);
        assertThat(mongorestore.join()).isEmpty();
    }

    @Test
    void anEmptyRepositoryFailsSayingSo() throws Exception {
        int exitCode = download(directory.resolve("archive")).run(Optional.empty());

        assertThat(exitCode).isEqualTo(DumpDownload.FAILED);
        assertThat(JSON.readTree(report.toFile()).get("message").asText())
                .isEqualTo(store + " holds no complete dump");
    }

    private DumpDownload download(Path to) {
        return new DumpDownload(
                () -> new DirectoryArchiveStore(store),
                to,
                report,
                new MutableClock(DAY_ONE.plus(Duration.ofDays(10))),
                new PrintWriter(out, true));
    }

    private List<DumpManifest> threeDailyDumps() throws IOException {
        DumpRepository repository = new DumpRepository(new DirectoryArchiveStore(store));
        for (int day = 0; day < 3; day++) {
            repository.upload(
                    new ByteArrayInputStream(
                            ("dump of day " + day).getBytes(StandardCharsets.UTF_8)),
                    new MutableClock(DAY_ONE.plus(Duration.ofDays(day))));
        }
        return repository.list();
    }
}
