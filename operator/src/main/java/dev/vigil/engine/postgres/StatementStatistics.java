package dev.vigil.engine.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code pg_stat_statements} extension, whose view the exporter's {@code stat_statements}
 * collector reads for the query-latency alerts and panels.
 */
final class StatementStatistics {

    static final String EXTENSION = "pg_stat_statements";

    private StatementStatistics() {}

    /** Whether the connection's database has the extension. */
    static boolean installed(Connection connection) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT 1 FROM pg_extension WHERE extname = ?")) {
            query.setString(1, EXTENSION);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Creates the extension in the connection's database; a concurrent creation is no error. */
    static void install(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS " + EXTENSION);
        }
    }
}
