package dev.vigil.e2e.scenarios;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client that keeps writing to a PostgreSQL database through its read-write Service, one row at a
 * time, reconnecting after any failure, and remembers which rows PostgreSQL acknowledged and when:
 * the longest time between two acknowledged writes is how long writes were unavailable.
 */
public final class SteadyWriter implements AutoCloseable {

    public static final String TABLE = "canary_writes";

    private static final long PAUSE_MILLIS = 20;

    private final DatabaseProbes probes;
    private final String database;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Long> acknowledged = new ArrayList<>();
    private final List<Long> acknowledgedAtNanos = new ArrayList<>();
    private final Thread thread;
    private int failures;

    private SteadyWriter(DatabaseProbes probes, String database) {
        this.probes = probes;
        this.database = database;
        this.thread = new Thread(this::run, "steady-writer-" + database);
        thread.setDaemon(true);
    }

    /** Creates the table on member {@code primary} and starts writing. */
    public static SteadyWriter start(DatabaseProbes probes, String database, int primary)
            throws SQLException {
        probes.execute(
                database,
                primary,
                "CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, at timestamptz DEFAULT now())");
        SteadyWriter writer = new SteadyWriter(probes, database);
        writer.thread.start();
        return writer;
    }

    private void run() {
        long next = 1;
        while (running.get()) {
            try (Connection connection = probes.connectReadWrite(database);
                    PreparedStatement insert =
                            connection.prepareStatement(
                                    "INSERT INTO " + TABLE + " (id) VALUES (?)")) {
                while (running.get()) {
                    insert.setLong(1, next);
                    insert.executeUpdate();
                    synchronized (this) {
                        acknowledged.add(next);
                        acknowledgedAtNanos.add(System.nanoTime());
                    }
                    next++;
                    Thread.sleep(PAUSE_MILLIS);
                }
            } catch (SQLException e) {
                synchronized (this) {
                    failures++;
                }
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ids PostgreSQL acknowledged, in order. */
    public synchronized List<Long> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** How many attempts failed (a refused or broken connection, a refused write). */
    public synchronized int failures() {
        return failures;
    }

    /** The longest time between two acknowledged writes. */
    public synchronized Duration longestGap() {
        long longest = 0;
        for (int i = 1; i < acknowledgedAtNanos.size(); i++) {
            longest =
                    Math.max(longest, acknowledgedAtNanos.get(i) - acknowledgedAtNanos.get(i - 1));
        }
        return Duration.ofNanos(longest);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(Duration.ofSeconds(30).toMillis());
    }
}
