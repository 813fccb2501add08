package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node killed with {@code kill -9} leaves its containers' processes running; the next node on the
 * same work directory kills them before it runs anything. A JVM's death is simulated by giving up
 * the ledger without stopping anything ({@link HostProcessLedger#close}), which is what the kernel
 * does for a killed JVM: the processes and their records stay, the owner's lock goes.
 */
class HostProcessLedgerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final PodUser user = PodUser.detect();
    private final List<RunningContainer> started = new ArrayList<>();
    private final List<HostProcessLedger> ledgers = new ArrayList<>();
    private Path work;
    private Path ledgerDirectory;

    @BeforeEach
    void createWorkDirectory() throws IOException {
        // Reachable by the account containers run as, as a node's work directory must be.
        work =
                Files.createTempDirectory(
                        "vigil-ledger-",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwxr-xr-x")));
        ledgerDirectory = work.resolve("host-processes");
    }

    @AfterEach
    void stopEverything() {
        // Only matters when a test failed: what it started must not outlive it.
        started.forEach(RunningContainer::close);
        ledgers.forEach(HostProcessLedger::close);
    }

    @Test
    void theNextNodeKillsTheSessionsADeadOneLeftRunning() throws IOException {
        HostProcessLedger dead = open();
        // A container whose main process has a child, as PostgreSQL's postmaster has backends.
        HostProcess process = start(List.of("/bin/sh", "-c", "sleep 600 & wait"));
        dead.track(process);
        List<ProcStat> session = awaitSession(process.pid(), 2);
        assertThat(dead.records()).hasSize(1);

        dead.close();
        assertThat(session).allMatch(HostProcessLedgerTest::stillRunning);

        HostProcessLedger next = open();

        assertThat(session).noneMatch(HostProcessLedgerTest::stillRunning);
        assertThat(next.records()).isEmpty();
    }

    @Test
    void aRecordWhosePidIsAnotherProcessNowIsDroppedWithoutKillingIt() throws IOException {
        HostProcess other = start(List.of("/bin/sleep", "600"));
        ProcStat stat = ProcStat.of(other.pid()).orElseThrow();
        Files.createDirectories(ledgerDirectory);
        // A record of a process that had this pid once and started earlier.
        Files.writeString(
                ledgerDirectory.resolve(other.pid() + "-" + (stat.startTime() - 1)), "postgres\n");

        HostProcessLedger next = open();

        assertThat(stillRunning(stat)).isTrue();
        assertThat(next.records()).isEmpty();
    }

    @Test
    void aProcessThatStoppedIsForgottenAndANodeStillRunningKeepsItsDirectory() throws IOException {
        HostProcessLedger ledger = open();
        RunningContainer tracked = ledger.track(start(List.of("/bin/sleep", "600")));
        assertThat(ledger.records()).hasSize(1);

        tracked.close();

        assertThat(ledger.records()).isEmpty();
        assertThatThrownBy(() -> HostProcessLedger.open(ledgerDirectory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another node, still running, uses " + work);
    }

    /**
     * The playground's failure: a PostgreSQL server left running holds its pod's address, and its
     * {@code postmaster.pid} stays in the data directory. After the next node started, the same
     * data directory starts again on the same address.
     */
    @Test
    void aPostgresServerLeftRunningIsKilledAndItsDataDirectoryStartsAgain() throws IOException {
        Path bin = PostgresContainerRuntime.withNewestInstalled(user, PATIENCE).binaries();
        Path data = directory("data", "rwx------");
        Path sockets = directory("run", "rwxr-xr-x");
        assertThat(
                        HostProcess.run(
                                List.of(
                                        bin.resolve("initdb").toString(),
                                        "-D",
                                        data.toString(),
                                        "-U",
                                        "postgres",
                                        "--auth=trust"),
                                environment(),
                                work.resolve("initdb.log"),
                                user,
                                Duration.ofMinutes(2)))
                .as("initdb, see %s", work.resolve("initdb.log"))
                .isZero();
        String address = TestAddresses.address();
        List<String> postgres =
                List.of(
                        bin.resolve("postgres").toString(),
                        "-D",
                        data.toString(),
                        "-c",
                        "listen_addresses=" + address,
                        "-c",
                        "unix_socket_directories=" + sockets,
                        "-p",
                        "5432");

        HostProcessLedger dead = open();
        HostProcess server = start(postgres);
        dead.track(server);
        await().atMost(PATIENCE).until(() -> accepts(address));
        // The postmaster and its children (checkpointer, writers...), which lead sessions of
        // their own.
        List<ProcStat> session = awaitSession(server.pid(), 3);
        dead.close();
        assertThat(data.resolve("postmaster.pid")).exists();
        assertThat(sockets.resolve(".s.PGSQL.5432.lock")).exists();

        HostProcessLedger next = open();
        List<Path> removed = StalePostgresLocks.remove(work);

        assertThat(session).noneMatch(HostProcessLedgerTest::stillRunning);
        assertThat(accepts(address)).isFalse();
        assertThat(removed)
                .containsExactlyInAnyOrder(
                        data.resolve("postmaster.pid"), sockets.resolve(".s.PGSQL.5432.lock"));
        RunningContainer again = next.track(start(postgres));
        await().atMost(PATIENCE).until(() -> accepts(address));
        again.close();
        assertThat(next.records()).isEmpty();
    }

    @Test
    void aLockFileNamingAnotherLiveProcessIsRemovedAndThatProcessLeftAlone() throws IOException {
        Path data = directory("data", "rwx------");
        HostProcess unrelated = start(List.of("/bin/sleep", "600"));
        // What a reused pid looks like: postmaster.pid names a process that is not the server.
        Files.writeString(data.resolve("postmaster.pid"), unrelated.pid() + "\n" + data + "\n");

        assertThat(StalePostgresLocks.remove(work)).containsExactly(data.resolve("postmaster.pid"));
        assertThat(stillRunning(ProcStat.of(unrelated.pid()).orElseThrow())).isTrue();
    }

    @Test
    void readsTheStatLineEvenWhenTheCommandHasSpacesAndParentheses() {
        ProcStat stat =
                ProcStat.parse(
                        "4242 (post (gres) x) S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0"
                                + " 987654 1000 10 18446744073709551615");

        assertThat(stat).isEqualTo(new ProcStat(4242, 'S', 1, 4242, 987654));
    }

    private HostProcessLedger open() {
        HostProcessLedger ledger = HostProcessLedger.open(ledgerDirectory);
        ledgers.add(ledger);
        return ledger;
    }

    private HostProcess start(List<String> argv) throws IOException {
        HostProcess process =
                HostProcess.start(
                        new HostProcess.Spec(
                                argv,
                                environment(),
                                work.resolve("container.log"),
                                user,
                                () -> true,
                                List.of(),
                                Duration.ofSeconds(5)));
        started.add(process);
        return process;
    }

    private static Map<String, String> environment() {
        return Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8");
    }

    private Path directory(String name, String mode) throws IOException {
        Path dir =
                Files.createDirectory(
                        work.resolve(name),
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString(mode)));
        user.own(dir);
        return dir;
    }

    /**
     * The running processes of the session {@code leader} leads and their descendants, once there
     * are {@code count}.
     */
    private static List<ProcStat> awaitSession(long leader, int count) {
        long startTime = ProcStat.of(leader).orElseThrow().startTime();
        return await().atMost(PATIENCE)
                .until(
                        () -> HostProcessLedger.processesOf(leader, startTime),
                        members -> members.size() >= count);
    }

    /** Whether the process {@code stat} describes (not a later one with its pid) still runs. */
    private static boolean stillRunning(ProcStat stat) {
        return ProcStat.of(stat.pid())
                .filter(now -> now.startTime() == stat.startTime() && now.running())
                .isPresent();
    }

    private static boolean accepts(String address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, 5432), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
