package dev.vigil.e2e.playground;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.postgres.LocalPostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stand-in PostgreSQL left running by a playground that was killed is stopped by the next start,
 * and a record whose pid now names another process signals nothing.
 */
class StandInServerRecordsTest {

    @TempDir Path playground;

    @Test
    void theNextStartStopsAServerAKilledPlaygroundLeftRunning() throws Exception {
        LocalPostgresCluster left = LocalPostgresCluster.startPrimary();
        Path directory = left.directory();
        long postmaster =
                Long.parseLong(
                        Files.readAllLines(left.primaryDataDirectory().resolve("postmaster.pid"))
                                .get(0)
                                .trim());
        new StandInServerRecords(playground).record(directory);

        List<Path> stopped = new StandInServerRecords(playground).stopLeftovers();

        assertThat(stopped).containsExactly(directory.toAbsolutePath());
        assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(directory).doesNotExist();
        assertThat(new StandInServerRecords(playground).stopLeftovers()).isEmpty();
    }

    @Test
    void aPidThatNamesAnotherProcessIsLeftAlone() throws Exception {
        Path directory = Files.createDirectories(playground.resolve("server").resolve("pg-0"));
        long self = ProcessHandle.current().pid();
        Files.writeString(
                directory.resolve("postmaster.pid"), self + "\n" + directory + "\n5432\n");
        StandInServerRecords records = new StandInServerRecords(playground);
        records.record(directory.getParent());

        assertThat(records.stopLeftovers()).isEmpty();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(directory.getParent()).doesNotExist();
    }
}
