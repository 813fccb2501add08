package dev.vigil.engine.postgres;

import dev.vigil.engine.DatabaseCredentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or repairs a login role to match a {@link LoginRoleSpec}, in one transaction, writing
 * only what differs.
 *
 * <p>The password is compared without logging in: the stored SCRAM verifier in {@code pg_authid}
 * (readable by a superuser) is recomputed from the wanted password with the stored salt and
 * iteration count. Only when they differ is a new verifier, computed here, sent in {@code ALTER
 * ROLE ... PASSWORD}, so the plain password never reaches the server, and an unchanged password
 * causes no write.
 */
final class LoginRoles {

    private static final Logger LOG = LoggerFactory.getLogger(LoginRoles.class);

    /** PostgreSQL 16 keeps one membership row per grantor, with its own inherit option. */
    private static final int GRANTOR_AWARE_MAJOR = 16;

    private static final String ROLE =
            "SELECT rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,"
                    + " rolbypassrls, COALESCE(rolvaliduntil <> 'infinity', false), rolpassword"
                    + " FROM pg_authid WHERE rolname = ?";

    private LoginRoles() {}

    /** The role as {@code pg_authid} has it. */
    private record ExistingRole(
            boolean superuser,
            boolean inherit,
            boolean createRole,
            boolean createDb,
            boolean login,
            boolean replication,
            boolean bypassRls,
            boolean expires,
            String storedPassword) {

        boolean attributesMatch(LoginRoleSpec spec) {
            return !superuser
                    && inherit
                    && !createRole
                    && !createDb
                    && login
                    && replication == spec.replication()
                    && !bypassRls
                    && !expires;
        }
    }

    /** One row of {@code pg_auth_members} for the role. */
    private record Membership(String role, String grantor, boolean admin, boolean inherit) {}

    /**
     * @param connection a superuser's connection to the primary, in auto-commit mode; left in it
     * @return whether anything was written: the role created, or what differed repaired
     */
    static boolean ensure(
            Connection connection, LoginRoleSpec spec, DatabaseCredentials credentials)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            try {
                return convergeAndCommit(connection, spec, credentials);
            } catch (SQLException e) {
                if (!SqlStates.DUPLICATE_OBJECT.equals(e.getSQLState())) {
                    throw e;
                }
                // Created by someone else since we looked: repair it like any existing role.
                return convergeAndCommit(connection, spec, credentials);
            }
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** One transaction: committed when every statement succeeded, rolled back otherwise. */
    private static boolean convergeAndCommit(
            Connection connection, LoginRoleSpec spec, DatabaseCredentials credentials)
            throws SQLException {
        try {
            boolean changed = converge(connection, spec, credentials);
            connection.commit();
            return changed;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Whether anything was written. */
    private static boolean converge(
            Connection connection, LoginRoleSpec spec, DatabaseCredentials credentials)
            throws SQLException {
        String name = credentials.username();
        String role = Sql.identifier(connection, name);
        Optional<ExistingRole> existing = read(connection, name);
        boolean changed = true;
        if (existing.isEmpty()) {
            Sql.execute(
                    connection,
                    "CREATE ROLE "
                            + role
                            + " "
                            + spec.attributes()
                            + " PASSWORD "
                            + Sql.literal(
                                    connection, ScramVerifier.create(credentials.password())));
            LOG.info("Created PostgreSQL {} role {}", spec.purpose(), name);
        } else {
            ExistingRole found = existing.get();
            changed = false;
            if (!found.attributesMatch(spec)) {
                changed = true;
                Sql.execute(
                        connection,
                        "ALTER ROLE " + role + " " + spec.attributes() + " VALID UNTIL 'infinity'");
                LOG.info("Reset the attributes of PostgreSQL {} role {}", spec.purpose(), name);
            }
            if (!ScramVerifier.matches(found.storedPassword(), credentials.password())) {
                changed = true;
                Sql.execute(
                        connection,
                        "ALTER ROLE "
                                + role
                                + " PASSWORD "
                                + Sql.literal(
                                        connection, ScramVerifier.create(credentials.password())));
                LOG.info("Set a new password for PostgreSQL {} role {}", spec.purpose(), name);
            }
        }
        return convergeMemberships(connection, spec, name, role) || changed;
    }

    private static Optional<ExistingRole> read(Connection connection, String name)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ROLE)) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new ExistingRole(
                                row.getBoolean(1),
                                row.getBoolean(2),
                                row.getBoolean(3),
                                row.getBoolean(4),
                                row.getBoolean(5),
                                row.getBoolean(6),
                                row.getBoolean(7),
                                row.getBoolean(8),
                                row.getString(9)));
            }
        }
    }

    /** Whether a membership was granted or revoked. */
    private static boolean convergeMemberships(
            Connection connection, LoginRoleSpec spec, String name, String role)
            throws SQLException {
        boolean changed = false;
        boolean perGrantor =
                connection.getMetaData().getDatabaseMajorVersion() >= GRANTOR_AWARE_MAJOR;
        List<Membership> memberships = memberships(connection, name, perGrantor);
        Set<String> granted = new HashSet<>();
        Set<String> inherited = new HashSet<>();
        for (Membership membership : memberships) {
            String grantedBy =
                    perGrantor && membership.grantor() != null
                            ? " GRANTED BY " + Sql.identifier(connection, membership.grantor())
                            : "";
            String other = Sql.identifier(connection, membership.role());
            if (!spec.memberOf().contains(membership.role())) {
                Sql.execute(connection, "REVOKE " + other + " FROM " + role + grantedBy);
                changed = true;
                LOG.info("Revoked {} from PostgreSQL role {}", membership.role(), name);
                continue;
            }
            granted.add(membership.role());
            if (membership.inherit()) {
                inherited.add(membership.role());
            }
            if (membership.admin()) {
                Sql.execute(
                        connection,
                        "REVOKE ADMIN OPTION FOR " + other + " FROM " + role + grantedBy);
                changed = true;
                LOG.info(
                        "Revoked admin option on {} from PostgreSQL role {}",
                        membership.role(),
                        name);
            }
        }
        for (String wanted : spec.memberOf().stream().sorted().toList()) {
            if (granted.contains(wanted) && inherited.contains(wanted)) {
                continue;
            }
            Sql.execute(
                    connection,
                    "GRANT "
                            + Sql.identifier(connection, wanted)
                            + " TO "
                            + role
                            + (perGrantor ? " WITH INHERIT TRUE" : ""));
            LOG.info("Granted {} to PostgreSQL role {}", wanted, name);
            changed = true;
        }
        return changed;
    }

    private static List<Membership> memberships(
            Connection connection, String name, boolean perGrantor) throws SQLException {
        String query =
                "SELECT r.rolname, g.rolname, m.admin_option, "
                        + (perGrantor ? "m.inherit_option" : "true")
                        + " FROM pg_auth_members m"
                        + " JOIN pg_roles r ON r.oid = m.roleid"
                        + " LEFT JOIN pg_roles g ON g.oid = m.grantor"
                        + " WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = ?)"
                        + " ORDER BY r.rolname, g.rolname";
        List<Membership> memberships = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    memberships.add(
                            new Membership(
                                    rows.getString(1),
                                    rows.getString(2),
                                    rows.getBoolean(3),
                                    rows.getBoolean(4)));
                }
            }
        }
        return memberships;
    }
}
