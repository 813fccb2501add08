package dev.vigil.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpRepositoryTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration DUMP_TAKES = Duration.ofMinutes(10);

    @TempDir Path root;

    private MutableClock clock;
    private DumpRepository repository;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(MIDNIGHT.plusSeconds(3));
        repository = new DumpRepository(new DirectoryArchiveStore(root));
    }

    @Test
    void anUploadStoresTheArchiveThenItsManifest() throws IOException {
        DumpManifest dump = repository.upload(dumpOf("archive bytes"), clock);

        assertThat(dump.label()).isEqualTo("20261201T000003Z");
        assertThat(dump.startedAt()).isEqualTo(MIDNIGHT.plusSeconds(3));
        assertThat(dump.finishedAt()).isEqualTo(MIDNIGHT.plusSeconds(3).plus(DUMP_TAKES));
        assertThat(dump.sizeBytes()).isEqualTo(13);
        assertThat(root.resolve("mongodump/20261201T000003Z.archive.gz"))
                .hasContent("archive bytes");
        assertThat(root.resolve("mongodump/20261201T000003Z.json"))
                .hasContent(
                        "{\"label\":\"20261201T000003Z\",\"startedAt\":\"2026-12-01T00:00:03Z\","
                                + "\"finishedAt\":\"2026-12-01T00:10:03Z\",\"sizeBytes\":13}");
        assertThat(repository.list()).containsExactly(dump);
        try (InputStream in = repository.openArchive(dump)) {
            assertThat(in.readAllBytes())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("archive bytes");
        }
    }

    @Test
    void aFailedCheckLeavesNothing() {
        assertThatThrownBy(
                        () ->
                                repository.upload(
                                        dumpOf("half a dump"),
                                        clock,
                                        () -> {
                                            throw new IOException("mongodump exited with status 2");
                                        }))
                .hasMessage("mongodump exited with status 2");

        assertThat(root.resolve("mongodump")).isEmptyDirectory();
    }

    @Test
    void dumpsWithoutAManifestOrArchiveOrWithABrokenManifestAreIncomplete() throws IOException {
        DumpManifest complete = dailyDumps(1).get(0);
        Files.writeString(root.resolve("mongodump/20261130T000000Z.archive.gz"), "no manifest");
        Files.writeString(
                root.resolve("mongodump/20261129T000000Z.json"),
                new String(
                        new DumpManifest(
                                        "20261129T000000Z",
                                        MIDNIGHT.minusSeconds(86400 * 2),
                                        MIDNIGHT.minusSeconds(86400 * 2),
                                        1)
                                .toJson(),
                        StandardCharsets.UTF_8));
        Files.writeString(root.resolve("mongodump/20261128T000000Z.archive.gz"), "x");
        Files.writeString(root.resolve("mongodump/20261128T000000Z.json"), "{not json");
        Files.writeString(root.resolve("mongodump/20261202T000000Z.archive.gz.partial"), "x");

        assertThat(repository.list()).containsExactly(complete);
    }

    @Test
    void retentionByCountKeepsTheNewestAndDeletesTheRest() throws IOException {
        List<DumpManifest> dumps = dailyDumps(5);
        // Orphans: one older than every dump kept, one newer (an upload that may still write it).
        Files.writeString(root.resolve("mongodump/20261201T120000Z.archive.gz"), "old orphan");
        Files.writeString(root.resolve("mongodump/20261206T000000Z.archive.gz"), "new orphan");

        List<DumpManifest> kept = repository.applyRetention(Retention.newest(3), clock.instant());

        assertThat(kept).containsExactlyElementsOf(dumps.subList(2, 5));
        assertThat(repository.list()).containsExactlyElementsOf(dumps.subList(2, 5));
        try (var files = Files.list(root.resolve("mongodump"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "20261203T000003Z.archive.gz",
                            "20261203T000003Z.json",
                            "20261204T000003Z.archive.gz",
                            "20261204T000003Z.json",
                            "20261205T000003Z.archive.gz",
                            "20261205T000003Z.json",
                            "20261206T000000Z.archive.gz");
        }
    }

    @Test
    void retentionByDaysKeepsThoseFinishedWithinThemAndAlwaysTheNewest() throws IOException {
        List<DumpManifest> dumps = dailyDumps(5); // Finished 00:10:03 on Dec 1..5.

        // Two days before Dec 5 00:10:03 is Dec 3 00:10:03: the dump of Dec 3 is just within.
        Instant now = dumps.get(4).finishedAt();
        assertThat(repository.applyRetention(Retention.days(2), now))
                .containsExactlyElementsOf(dumps.subList(2, 5));

        // A month later every dump is older than 2 days: the newest stays.
        Instant monthLater = now.plus(Duration.ofDays(30));
        assertThat(repository.applyRetention(Retention.days(2), monthLater))
                .containsExactly(dumps.get(4));
        assertThat(repository.list()).containsExactly(dumps.get(4));
    }

    @Test
    void retentionOfAnEmptyRepositoryKeepsNothing() throws IOException {
        assertThat(repository.applyRetention(Retention.days(7), clock.instant())).isEmpty();
        assertThat(repository.applyRetention(Retention.newest(7), clock.instant())).isEmpty();
    }

    @Test
    void newestAtOrBeforeATimeComparesTheEnd() throws IOException {
        List<DumpManifest> dumps = dailyDumps(3);

        assertThat(repository.newestAtOrBefore(dumps.get(1).finishedAt())).contains(dumps.get(1));
        assertThat(repository.newestAtOrBefore(dumps.get(1).finishedAt().minusMillis(1)))
                .contains(dumps.get(0));
        assertThat(repository.newestAtOrBefore(Instant.parse("2030-01-01T00:00:00Z")))
                .contains(dumps.get(2));
        assertThat(
                        repository.newestAtOrBefore(
                                dumps.get(0).startedAt().plus(DUMP_TAKES).minusSeconds(1)))
                .isEmpty();
    }

    @Test
    void retentionRefusesToKeepNothing() {
        assertThatThrownBy(() -> Retention.newest(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Retention.days(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** One dump a day at 00:00:03 from Dec 1, each taking {@link #DUMP_TAKES}. */
    private List<DumpManifest> dailyDumps(int count) throws IOException {
        List<DumpManifest> dumps = new java.util.ArrayList<>();
        for (int day = 0; day < count; day++) {
            MutableClock at = new MutableClock(MIDNIGHT.plus(Duration.ofDays(day)).plusSeconds(3));
            clock = at;
            dumps.add(repository.upload(dumpOf("dump of day " + day), at));
        }
        return dumps;
    }

    /** An archive whose end comes {@link #DUMP_TAKES} after it is first read. */
    private InputStream dumpOf(String content) {
        MutableClock current = clock;
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)) {
            private boolean ended;

            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                int read = super.read(buffer, offset, length);
                if (read < 0 && !ended) {
                    ended = true;
                    current.advance(DUMP_TAKES);
                }
                return read;
            }

            @Override
            public synchronized long transferTo(java.io.OutputStream out) throws IOException {
                return drain(out);
            }

            private long drain(java.io.OutputStream out) throws IOException {
                byte[] buffer = new byte[8192];
                long total = 0;
                int read;
                while ((read = read(buffer, 0, buffer.length)) >= 0) {
                    out.write(buffer, 0, read);
                    total += read;
                }
                return total;
            }
        };
    }
}
