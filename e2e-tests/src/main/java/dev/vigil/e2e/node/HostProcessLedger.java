package dev.vigil.e2e.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node left running when its JVM died: every container process the node starts is recorded
 * here, in a directory of the node's work directory, and the next node on that directory kills
 * whatever a dead one recorded and is still alive.
 *
 * <p>The node's containers are host processes ({@link HostProcess}) in sessions of their own, so
 * they outlive a JVM killed with {@code kill -9}: its shutdown hooks never run, and the next start
 * on the same directory would find its PostgreSQL servers still holding their addresses. A record
 * is a file named {@code <pid>-<start time>}, the start time read from {@code /proc/<pid>/stat} (in
 * clock ticks after boot), so that a pid the kernel gave to another process since is never
 * signalled. It is written once the process runs and removed once it stopped; what is killed is the
 * process's whole session (PostgreSQL's postmaster and its backends), as a container runtime ends a
 * container.
 *
 * <p>Who owns the records is an exclusive lock on {@code owner.lock} in the directory, held while
 * the ledger is open. The kernel releases it when the JVM ends, however it ends, so a ledger that
 * gets the lock knows every record it finds is a dead node's; one that cannot get it knows another
 * node on this machine is using the directory, and refuses.
 */
final class HostProcessLedger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostProcessLedger.class);
    private static final String OWNER_LOCK = "owner.lock";
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /**
     * The directories ledgers of this JVM hold. A second one is refused before it opens the lock
     * file: closing any channel of a file drops every lock this process holds on it.
     */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final FileChannel ownerChannel;

    private HostProcessLedger(Path directory, FileChannel ownerChannel) {
        this.directory = directory;
        this.ownerChannel = ownerChannel;
    }

    /**
     * Takes the ledger in {@code directory} (created if missing) and kills what a previous owner
     * left running, before anything new starts.
     *
     * @throws IllegalStateException when another node, alive, owns the directory
     */
    static HostProcessLedger open(Path directory) {
        Path key = directory.toAbsolutePath().normalize();
        if (!OPEN.add(key)) {
            throw new IllegalStateException(inUse(directory));
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel =
                    FileChannel.open(
                            directory.resolve(OWNER_LOCK),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException(inUse(directory));
            }
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            OPEN.remove(key);
            throw new IllegalStateException(inUse(directory), e);
        } catch (IOException e) {
            closeQuietly(channel);
            OPEN.remove(key);
            throw new UncheckedIOException("cannot open the process ledger " + directory, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            OPEN.remove(key);
            throw e;
        }
        HostProcessLedger ledger = new HostProcessLedger(key, channel);
        try {
            ledger.killLeftovers();
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
        return ledger;
    }

    private static String inUse(Path directory) {
        return "another node, still running, uses "
                + directory.getParent()
                + ": stop it or choose another work directory";
    }

    /**
     * Records {@code container} when it is a host process, and forgets it once it stopped; other
     * containers pass through.
     */
    RunningContainer track(RunningContainer container) {
        if (!(container instanceof HostProcess process)) {
            return container;
        }
        Path record = record(process.pid(), process.command());
        return record == null ? container : new Tracked(process, record);
    }

    /** Records the running process {@code pid}; null when it already ended. */
    Path record(long pid, String command) {
        ProcStat stat = ProcStat.of(pid).orElse(null);
        if (stat == null || !stat.running()) {
            return null;
        }
        Path record = directory.resolve(pid + "-" + stat.startTime());
        try {
            Files.writeString(record, command + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record process " + pid + " in " + record, e);
        }
        return record;
    }

    /** The records of processes started and not yet seen stopped. */
    List<Path> records() {
        List<Path> records = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*-*")) {
            entries.forEach(records::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the process ledger " + directory, e);
        }
        return records;
    }

    /**
     * Kills the session of every recorded process still running (the same pid and start time),
     * waits until it is gone and removes the records.
     */
    private void killLeftovers() {
        for (Path record : records()) {
            String[] name = record.getFileName().toString().split("-", 2);
            long pid;
            long startTime;
            try {
                pid = Long.parseLong(name[0]);
                startTime = Long.parseLong(name[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            int killed = killSession(pid, startTime);
            if (killed > 0) {
                LOG.warn(
                        "Killed {} process(es) a previous node left running: {} (pid {})",
                        killed,
                        firstLine(record),
                        pid);
            }
            forget(record);
        }
    }

    /**
     * Kills the processes of {@code leader}, if it is the process that started at {@code
     * startTime}, and returns how many: see {@link #processesOf}.
     */
    static int killSession(long leader, long startTime) {
        return kill(processesOf(leader, startTime));
    }

    /**
     * The running processes of the session {@code leader} leads, and their descendants (PostgreSQL
     * puts each of its postmaster's children in a session of its own), when {@code leader} is the
     * process that started at {@code startTime}: empty when its pid is another process's now. While
     * a session's member lives its id is not given to a new process, so every process of that
     * session started at or after its leader is the recorded one's, even after the leader ended.
     */
    static List<ProcStat> processesOf(long leader, long startTime) {
        ProcStat head = ProcStat.of(leader).orElse(null);
        if (head != null && head.startTime() != startTime) {
            return List.of();
        }
        List<ProcStat> all =
                ProcStat.all().stream()
                        .filter(ProcStat::running)
                        .filter(p -> p.startTime() >= startTime)
                        .toList();
        Set<Long> pids = new HashSet<>();
        List<ProcStat> found = new ArrayList<>();
        for (ProcStat p : all) {
            if (p.session() == leader && pids.add(p.pid())) {
                found.add(p);
            }
        }
        boolean grew = !found.isEmpty();
        while (grew) {
            grew = false;
            for (ProcStat p : all) {
                if (pids.contains(p.parent()) && pids.add(p.pid())) {
                    found.add(p);
                    grew = true;
                }
            }
        }
        return found;
    }

    /** Sends {@code SIGKILL} to {@code members} and waits until they are gone; returns how many. */
    static int kill(List<ProcStat> members) {
        members.forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly));
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        for (ProcStat member : members) {
            while (ProcStat.of(member.pid())
                    .filter(p -> p.startTime() == member.startTime() && p.running())
                    .isPresent()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "process " + member.pid() + " survived SIGKILL for " + KILL_WAIT);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        return members.size();
    }

    private static String firstLine(Path record) {
        try {
            return Files.readString(record, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void forget(Path record) {
        try {
            Files.deleteIfExists(record);
        } catch (IOException e) {
            LOG.warn("Cannot remove the process record {}: {}", record, e.getMessage());
        }
    }

    /** Gives up the directory; the records of processes still running stay. Idempotent. */
    @Override
    public synchronized void close() {
        if (ownerChannel.isOpen()) {
            closeQuietly(ownerChannel);
            OPEN.remove(directory);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // The lock goes with the channel anyway.
        }
    }

    /** A host process whose record goes once it stopped, by itself or by {@link #close}. */
    private static final class Tracked implements RunningContainer {
        private final HostProcess process;
        private final Path record;

        Tracked(HostProcess process, Path record) {
            this.process = process;
            this.record = record;
        }

        @Override
        public boolean ready() {
            return process.ready();
        }

        @Override
        public OptionalInt exitCode() {
            OptionalInt exit = process.exitCode();
            if (exit.isPresent()) {
                // exitCode() has killed what the process left in its session.
                forget(record);
            }
            return exit;
        }

        @Override
        public void close() {
            process.close();
            forget(record);
        }
    }
}
