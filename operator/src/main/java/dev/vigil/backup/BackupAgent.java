package dev.vigil.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.api.BackupSchedule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vigil backup agent}: the sidecar that runs a full pgBackRest backup at each due time of
 * its cron schedule, only while its server is the primary (no {@code standby.signal} in {@code
 * PGBACKREST_PG1_PATH}), creating the stanza once before the first backup; pgBackRest then expires
 * old backups by the retention settings. It serves what it did on {@code GET /v1/status} ({@link
 * AgentStatus}).
 *
 * <p>Time comes from an injected {@link Clock}, and {@link #tick()} does one step, so tests move
 * the clock instead of waiting for the schedule. Missed due times (a long backup, a paused pod)
 * collapse into one backup.
 */
public final class BackupAgent implements AutoCloseable {

    /** The path of the status. */
    public static final String STATUS_PATH = "/v1/status";

    /** How often the recoverable window is read again from the repository between backups. */
    public static final Duration WINDOW_REFRESH = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(BackupAgent.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PgBackRest pgBackRest;
    private final BackupSchedule schedule;
    private final Path dataDirectory;
    private final Clock clock;
    private final Object tickLock = new Object();

    // Written under tickLock, read by the HTTP threads without it: a backup takes minutes.
    private volatile Instant nextDue;
    private volatile boolean stanzaReady;
    private volatile AgentStatus.Success lastSuccessful;
    private volatile AgentStatus.Failure lastFailed;
    private volatile Instant recoverableFrom;
    private volatile Instant recoverableTo;
    private volatile Instant windowReadAt;

    private HttpServer server;
    private ScheduledExecutorService ticker;

    /**
     * @param dataDirectory the server's data directory, {@code PGBACKREST_PG1_PATH}
     */
    public BackupAgent(
            PgBackRest pgBackRest, BackupSchedule schedule, Path dataDirectory, Clock clock) {
        this.pgBackRest = pgBackRest;
        this.schedule = schedule;
        this.dataDirectory = dataDirectory;
        this.clock = clock;
        this.nextDue = nextDue(schedule, clock.instant());
    }

    /** When the next backup is due. */
    public Instant nextDue() {
        return nextDue;
    }

    /** Whether the server is the primary: a standby has {@code standby.signal}. */
    public boolean primary() {
        return !Files.exists(dataDirectory.resolve("standby.signal"));
    }

    /**
     * One step: reads the recoverable window when it is old, and runs a backup when one is due and
     * the server is the primary.
     *
     * @return whether a backup was attempted
     */
    public boolean tick() {
        synchronized (tickLock) {
            Instant now = clock.instant();
            if (windowReadAt == null || !now.isBefore(windowReadAt.plus(WINDOW_REFRESH))) {
                refreshWindow(now);
            }
            if (now.isBefore(nextDue)) {
                return false;
            }
            nextDue = nextDue(schedule, now);
            if (!primary()) {
                LOG.info("backup due, but this server is a standby: skipped");
                return false;
            }
            backup();
            return true;
        }
    }

    private void backup() {
        long started = System.nanoTime();
        try {
            if (!stanzaReady) {
                pgBackRest.stanzaCreate();
                stanzaReady = true;
            }
            pgBackRest.backupFull();
            BackupInfo info = pgBackRest.info();
            double seconds = secondsSince(started);
            Optional<BackupInfo.Backup> newest = info.newest();
            lastSuccessful =
                    new AgentStatus.Success(
                            clock.instant().toString(),
                            newest.map(BackupInfo.Backup::sizeBytes).orElse(null),
                            seconds,
                            newest.map(BackupInfo.Backup::label).orElse(null));
            readWindow(info, clock.instant());
            LOG.info(
                    "full backup {} done in {} s",
                    newest.map(BackupInfo.Backup::label).orElse("?"),
                    Math.round(seconds));
        } catch (PgBackRestException e) {
            lastFailed =
                    new AgentStatus.Failure(
                            clock.instant().toString(), secondsSince(started), e.getMessage());
            LOG.warn("full backup failed: {}", e.getMessage());
        } catch (RuntimeException e) {
            lastFailed =
                    new AgentStatus.Failure(
                            clock.instant().toString(), secondsSince(started), e.toString());
            LOG.warn("full backup failed", e);
        }
    }

    private void refreshWindow(Instant now) {
        try {
            readWindow(pgBackRest.info(), now);
        } catch (RuntimeException e) {
            // No stanza yet, or the repository is unreachable: the window stays as it was.
            windowReadAt = now;
            LOG.debug("cannot read the recoverable window: {}", e.getMessage());
        }
    }

    private void readWindow(BackupInfo info, Instant now) {
        recoverableFrom = info.recoverableFrom().orElse(null);
        Instant newestWal = null;
        try {
            newestWal = pgBackRest.newestArchivedWalTime(info).orElse(null);
        } catch (PgBackRestException e) {
            LOG.debug("cannot list the archive: {}", e.getMessage());
        }
        Instant newestBackup = info.newest().map(BackupInfo.Backup::stop).orElse(null);
        recoverableTo =
                newestWal == null
                        ? newestBackup
                        : newestBackup == null || newestWal.isAfter(newestBackup)
                                ? newestWal
                                : newestBackup;
        windowReadAt = now;
    }

    /** What {@code GET /v1/status} serves. */
    public AgentStatus status() {
        Instant now = clock.instant();
        return new AgentStatus(
                primary(),
                lastSuccessful,
                lastFailed,
                recoverableFrom == null ? null : recoverableFrom.toString(),
                recoverableTo == null ? null : recoverableTo.toString(),
                walArchiveLagSeconds(now),
                schedule.interval(now).toSeconds());
    }

    /**
     * How long the oldest WAL segment PostgreSQL marked ready to archive ({@code
     * pg_wal/archive_status/*.ready}) has waited: 0 when none waits, null when the directory cannot
     * be read. A cheap reading of the data directory, no database connection.
     */
    Double walArchiveLagSeconds(Instant now) {
        Path status = dataDirectory.resolve("pg_wal").resolve("archive_status");
        if (!Files.isDirectory(status)) {
            return null;
        }
        Instant oldest = null;
        try (DirectoryStream<Path> ready = Files.newDirectoryStream(status, "*.ready")) {
            for (Path file : ready) {
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                oldest = oldest == null || modified.isBefore(oldest) ? modified : oldest;
            }
        } catch (IOException e) {
            return null;
        }
        if (oldest == null) {
            return 0.0;
        }
        return Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
    }

    /**
     * Serves {@code GET /v1/status} on {@code address} and ticks every second, each on its own
     * thread.
     */
    public void start(InetSocketAddress address) {
        serve(address);
        ticker =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "backup-agent");
                            thread.setDaemon(true);
                            return thread;
                        });
        ticker.scheduleWithFixedDelay(this::tickQuietly, 0, 1, TimeUnit.SECONDS);
        LOG.info(
                "backup agent serving {} on port {}; schedule {}, next backup {}",
                STATUS_PATH,
                port(),
                schedule,
                nextDue);
    }

    /** Serves {@code GET /v1/status} on {@code address}, without ticking (tests tick). */
    public void serve(InetSocketAddress address) {
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
        server.createContext(STATUS_PATH, this::serveStatus);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    /** The port the status is served on, once started. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("backup agent step failed", e);
        }
    }

    private void serveStatus(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!STATUS_PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = JSON.writeValueAsBytes(status());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private static double secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static Instant nextDue(BackupSchedule schedule, Instant after) {
        return schedule.nextAfter(after)
                .orElseThrow(() -> new IllegalArgumentException(schedule + " is never due again"));
    }
}
