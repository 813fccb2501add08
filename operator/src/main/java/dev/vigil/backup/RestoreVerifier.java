package dev.vigil.backup;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code vigil backup verify}: checks a server started on a restored data directory. It waits until
 * the server has replayed the archive and promoted itself ({@code pg_is_in_recovery()} false), then
 * counts the rows of the largest user tables of every database that accepts connections, and writes
 * the outcome as one JSON line ({@link VerificationResult}) to the termination log. The time from
 * the start of the restore to the first answer of the promoted server is the measured RTO.
 */
public final class RestoreVerifier {

    /** The server started, promoted and its tables were counted. */
    public static final int VERIFIED = 0;

    /** Not verified: the reason is in the termination log's JSON line. */
    public static final int FAILED = 1;

    /** Opens a connection to one database of the restored server. */
    @FunctionalInterface
    public interface Connector {
        Connection connect(String database) throws SQLException;
    }

    /**
     * Connects as {@code user} to the restored server at {@code host:port}, without a password (its
     * {@code pg_hba.conf} trusts loopback: {@link VerificationDirectory#HBA}) and without TLS.
     */
    public static Connector loopback(String host, int port, String user) {
        org.postgresql.Driver driver = new org.postgresql.Driver();
        return database -> {
            java.util.Properties properties = new java.util.Properties();
            org.postgresql.PGProperty.USER.set(properties, user);
            org.postgresql.PGProperty.SSL_MODE.set(properties, "disable");
            org.postgresql.PGProperty.CONNECT_TIMEOUT.set(properties, 5);
            org.postgresql.PGProperty.LOGIN_TIMEOUT.set(properties, 10);
            org.postgresql.PGProperty.APPLICATION_NAME.set(properties, "vigil-verify");
            org.postgresql.PGProperty.LOG_SERVER_ERROR_DETAIL.set(properties, false);
            String url =
                    "jdbc:postgresql://"
                            + host
                            + ":"
                            + port
                            + "/"
                            + java.net.URLEncoder.encode(
                                    database, java.nio.charset.StandardCharsets.UTF_8);
            Connection connection = driver.connect(url, properties);
            if (connection == null) {
                throw new SQLException("the PostgreSQL driver did not accept " + url);
            }
            return connection;
        };
    }

    private static final String DATABASES =
            "SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate"
                    + " ORDER BY datname";

    // Ordinary tables of the users' schemas, the largest first; format() quotes the name for the
    // count, so no name is ever pasted into SQL unquoted.
    private static final String LARGEST_TABLES =
            "SELECT n.nspname || '.' || c.relname, format('%I.%I', n.nspname, c.relname),"
                    + " pg_total_relation_size(c.oid)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog',"
                    + " 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
                    + " ORDER BY 3 DESC, 1 LIMIT "
                    + VerificationResult.MAX_TABLES;

    private final Connector connector;
    private final Clock clock;
    private final Duration timeout;
    private final Duration pollInterval;
    private final PrintWriter out;
    private Optional<Instant> backupEndedAt = Optional.empty();

    /**
     * @param timeout how long the server may take to finish recovery and promote
     * @param pollInterval how often it is asked meanwhile
     */
    public RestoreVerifier(
            Connector connector,
            Clock clock,
            Duration timeout,
            Duration pollInterval,
            PrintWriter out) {
        this.connector = connector;
        this.clock = clock;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
        this.out = out;
    }

    /**
     * Verifies, writes the result to {@code terminationLog} (when not null) and prints it.
     *
     * @param restoreStartedAt when the restore began, as the restore recorded it
     * @return {@link #VERIFIED} or {@link #FAILED}
     */
    public int run(Optional<Instant> restoreStartedAt, Path terminationLog) {
        VerificationResult result;
        try {
            result = verify(restoreStartedAt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result =
                    VerificationResult.failed(
                            restoreStartedAt.map(Instant::toString).orElse(null),
                            "interrupted while verifying the restore");
        }
        String line = result.toJson();
        out.println(line);
        out.flush();
        if (terminationLog != null) {
            try {
                Files.writeString(terminationLog, line + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                out.println("cannot write the termination log " + terminationLog + ": " + e);
                out.flush();
            }
        }
        return result.verified() ? VERIFIED : FAILED;
    }

    /**
     * When the restored backup ended ({@link VerificationDirectory#backupEndedAt()}): what {@code
     * recoveredTo} reports when recovery replayed no transaction after it.
     */
    public RestoreVerifier backupEndedAt(Optional<Instant> at) {
        this.backupEndedAt = at;
        return this;
    }

    /** Waits for the promoted server and counts its largest tables. */
    public VerificationResult verify(Optional<Instant> restoreStartedAt)
            throws InterruptedException {
        String started = restoreStartedAt.map(Instant::toString).orElse(null);
        if (restoreStartedAt.isEmpty()) {
            return VerificationResult.failed(
                    null, "the restore did not record when it started: was it run?");
        }
        Instant deadline = clock.instant().plus(timeout);
        String lastProblem = "no answer yet";
        Instant queryableAt = null;
        String recoveredTo = null;
        while (queryableAt == null) {
            try (Connection connection = connector.connect("postgres");
                    Statement statement = connection.createStatement();
                    ResultSet row =
                            statement.executeQuery(
                                    "SELECT pg_is_in_recovery(),"
                                            + " pg_last_xact_replay_timestamp()")) {
                row.next();
                if (!row.getBoolean(1)) {
                    queryableAt = clock.instant();
                    Timestamp replayed = row.getTimestamp(2);
                    // No transaction replayed: the newest commit came with the backup itself.
                    recoveredTo =
                            replayed != null
                                    ? replayed.toInstant().toString()
                                    : backupEndedAt.map(Instant::toString).orElse(null);
                } else {
                    lastProblem = "the server was still recovering";
                }
            } catch (SQLException e) {
                lastProblem = firstLine(e.getMessage());
            }
            if (queryableAt == null) {
                if (!clock.instant().isBefore(deadline)) {
                    return VerificationResult.failed(
                            started,
                            "the restored server did not finish recovery and answer within "
                                    + timeout
                                    + ": "
                                    + lastProblem);
                }
                Thread.sleep(pollInterval.toMillis());
            }
        }
        out.println("the restored server answers, promoted, at " + queryableAt);
        out.flush();
        List<VerificationResult.Table> tables;
        try {
            tables = countLargestTables();
        } catch (SQLException e) {
            return VerificationResult.failed(
                    started, "the restored server answered but " + firstLine(e.getMessage()));
        }
        double seconds = Duration.between(restoreStartedAt.get(), queryableAt).toMillis() / 1000.0;
        return new VerificationResult(
                true, started, queryableAt.toString(), seconds, recoveredTo, tables, null);
    }

    private List<VerificationResult.Table> countLargestTables() throws SQLException {
        List<String> databases = new ArrayList<>();
        try (Connection connection = connector.connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(DATABASES)) {
            while (rows.next()) {
                databases.add(rows.getString(1));
            }
        }
        record Candidate(String database, String table, String quoted, long bytes) {}
        List<Candidate> candidates = new ArrayList<>();
        for (String database : databases) {
            try (Connection connection = connector.connect(database);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(LARGEST_TABLES)) {
                while (rows.next()) {
                    candidates.add(
                            new Candidate(
                                    database,
                                    rows.getString(1),
                                    rows.getString(2),
                                    rows.getLong(3)));
                }
            } catch (SQLException e) {
                throw new SQLException(
                        "cannot list the tables of database " + database + ": " + e.getMessage(),
                        e);
            }
        }
        List<Candidate> largest =
                candidates.stream()
                        .sorted(
                                Comparator.comparingLong(Candidate::bytes)
                                        .reversed()
                                        .thenComparing(Candidate::database)
                                        .thenComparing(Candidate::table))
                        .limit(VerificationResult.MAX_TABLES)
                        .toList();
        List<VerificationResult.Table> counted = new ArrayList<>();
        for (Candidate candidate : largest) {
            try (Connection connection = connector.connect(candidate.database());
                    Statement statement = connection.createStatement();
                    ResultSet row =
                            statement.executeQuery("SELECT count(*) FROM " + candidate.quoted())) {
                row.next();
                counted.add(
                        new VerificationResult.Table(
                                candidate.database(), candidate.table(), row.getLong(1)));
            } catch (SQLException e) {
                throw new SQLException(
                        "cannot count the rows of "
                                + candidate.database()
                                + "."
                                + candidate.table()
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }
        return counted;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
