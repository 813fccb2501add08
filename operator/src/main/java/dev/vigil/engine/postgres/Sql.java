package dev.vigil.engine.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * Quoting for the statements that take no bind parameters ({@code CREATE ROLE}, {@code GRANT}), by
 * the driver's own escaping, which follows the connection's {@code standard_conforming_strings}.
 */
final class Sql {

    private Sql() {}

    static String identifier(Connection connection, String name) throws SQLException {
        return connection.unwrap(PGConnection.class).escapeIdentifier(name);
    }

    /** A quoted string literal, e.g. {@code 'it''s'}. */
    static String literal(Connection connection, String value) throws SQLException {
        return "'" + connection.unwrap(PGConnection.class).escapeLiteral(value) + "'";
    }

    static void execute(Connection connection, String statement) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
