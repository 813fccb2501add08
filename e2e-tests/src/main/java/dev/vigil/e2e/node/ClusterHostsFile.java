package dev.vigil.e2e.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster DNS for processes outside this JVM: a hosts file ({@code <address> <name>} a line)
 * with every record of a {@link ClusterDns}, written again whenever the records change. A JVM
 * started with {@code -Djdk.net.hosts.file=<file>} resolves names from that file only, reading it
 * on every lookup that its own address cache does not answer ({@code networkaddress.cache.ttl}, 30
 * s for a name found, 10 s for one not found, as in any JVM), so a pod created later is found once
 * the file has it and the cache entry expired. The file holds fully qualified names only: the
 * search path of a pod's {@code resolv.conf} is not modelled, and no other name resolves there.
 */
public final class ClusterHostsFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterHostsFile.class);

    private final ClusterDns dns;
    private final Path file;
    private final ScheduledExecutorService executor;
    private String written;

    private ClusterHostsFile(ClusterDns dns, Path file) {
        this.dns = dns;
        this.file = file;
        this.executor =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "cluster-hosts-file");
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /** Writes the file now, then again every {@code period} when the records changed. */
    public static ClusterHostsFile start(ClusterDns dns, Path file, Duration period) {
        ClusterHostsFile hosts = new ClusterHostsFile(dns, file);
        hosts.sync();
        hosts.executor.scheduleWithFixedDelay(
                hosts::syncQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return hosts;
    }

    /** The file, for {@code -Djdk.net.hosts.file}. */
    public Path file() {
        return file;
    }

    /** The file's text for these records. */
    static String render(SortedMap<String, String> records) {
        StringBuilder text =
                new StringBuilder(
                        "# The local cluster's DNS records, kept by the harness's node.\n");
        for (Map.Entry<String, String> record : records.entrySet()) {
            text.append(record.getValue()).append(' ').append(record.getKey()).append('\n');
        }
        return text.toString();
    }

    /** Replaces the file (atomically, so a reader never sees half of it) if the records changed. */
    synchronized void sync() {
        String text = render(dns.records());
        if (text.equals(written)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            PodVolumes.setMode(temporary, 0644);
            Files.move(
                    temporary,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        written = text;
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("Cannot update the cluster hosts file {}: {}", file, e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
