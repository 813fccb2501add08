package dev.vigil.e2e.reliability.database;

import dev.vigil.e2e.scenarios.DatabaseProbes;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Makes an exporter's password stop working behind Vigil's back, as a DBA's script or a restored
 * {@code pg_authid} would: the superuser gives the monitoring role another password (random, never
 * printed) on the primary, and ends the role's sessions, so the exporter's next connection must log
 * in again with the password of its Secret.
 */
public final class ExporterPasswordFault {

    private final DatabaseProbes probes;

    public ExporterPasswordFault(DatabaseProbes probes) {
        this.probes = probes;
    }

    /** Changes role {@code role}'s password on member {@code primary} and ends its sessions. */
    public void inject(String database, int primary, String role) throws SQLException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String other = HexFormat.of().formatHex(random);
        probes.execute(
                database,
                primary,
                "ALTER ROLE \"" + role + "\" PASSWORD '" + other + "'",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
                        + role
                        + "'");
    }
}
