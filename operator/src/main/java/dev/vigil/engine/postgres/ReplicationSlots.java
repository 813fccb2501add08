package dev.vigil.engine.postgres;

import dev.vigil.engine.DatabaseCommandException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a primary's physical replication slots as wanted: one per standby, created reserving WAL at
 * once so a standby that is still being cloned loses nothing, and Vigil's own stale slots dropped
 * so they do not hold WAL forever.
 */
final class ReplicationSlots {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationSlots.class);

    /** PostgreSQL's rule for slot names (ReplicationSlotValidateName), within NAMEDATALEN. */
    private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9_]{1,63}");

    private static final String SLOTS =
            "SELECT slot_name, slot_type = 'physical', active FROM pg_replication_slots";
    private static final String CREATE = "SELECT pg_create_physical_replication_slot(?, true)";
    private static final String DROP = "SELECT pg_drop_replication_slot(?)";

    private ReplicationSlots() {}

    /** A slot as Vigil needs to see it to decide. */
    private record Slot(boolean physical, boolean active) {}

    /**
     * @throws IllegalArgumentException when a wanted name is not a valid slot name
     */
    static void requireValidNames(Set<String> names) {
        for (String name : names) {
            if (name == null || !VALID_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "replication slot names have 1 to 63 lower-case letters, digits and"
                                + " underscores; got "
                                + name);
            }
        }
    }

    /**
     * @param member {@code host:port} of the primary, for messages
     * @param connection a superuser's connection to the primary, in auto-commit mode
     */
    static void ensure(String member, Connection connection, Set<String> wanted)
            throws SQLException, DatabaseCommandException {
        Map<String, Slot> existing = read(connection);
        for (String name : wanted.stream().sorted().toList()) {
            Slot slot = existing.get(name);
            if (slot == null) {
                create(connection, name);
            } else if (!slot.physical()) {
                throw new DatabaseCommandException(
                        "PostgreSQL member "
                                + member
                                + " has a logical replication slot named "
                                + name
                                + "; a standby needs a physical one");
            }
        }
        for (Map.Entry<String, Slot> entry : existing.entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(ReplicationSlotNames.PREFIX)
                    && !wanted.contains(name)
                    && !entry.getValue().active()) {
                drop(connection, name);
            }
        }
    }

    private static Map<String, Slot> read(Connection connection) throws SQLException {
        Map<String, Slot> slots = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(SLOTS);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                slots.put(rows.getString(1), new Slot(rows.getBoolean(2), rows.getBoolean(3)));
            }
        }
        return slots;
    }

    private static void create(Connection connection, String name) throws SQLException {
        try {
            call(connection, CREATE, name);
            LOG.info("Created physical replication slot {}", name);
        } catch (SQLException e) {
            if (!SqlStates.DUPLICATE_OBJECT.equals(e.getSQLState())) {
                throw e;
            }
            // Created concurrently since we looked: it exists, which is all we want.
        }
    }

    private static void drop(Connection connection, String name) throws SQLException {
        try {
            call(connection, DROP, name);
            LOG.info("Dropped unused replication slot {}", name);
        } catch (SQLException e) {
            // Dropped concurrently, or a standby started using it since we looked: leave it.
            if (!SqlStates.UNDEFINED_OBJECT.equals(e.getSQLState())
                    && !SqlStates.OBJECT_IN_USE.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static void call(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet ignored = statement.executeQuery()) {
                // The functions' results (the slot's name and LSN, or void) are not needed.
            }
        }
    }
}
