package dev.vigil.engine.postgres;

import java.util.Set;

/**
 * The shape Vigil wants for one of the login roles it manages: {@code LOGIN}, {@code INHERIT}, no
 * expiry, none of {@code SUPERUSER}, {@code CREATEDB}, {@code CREATEROLE} or {@code BYPASSRLS}.
 *
 * @param purpose what the role is for, in log lines
 * @param replication whether it has {@code REPLICATION}
 * @param memberOf exactly the roles it is a member of (without admin option)
 */
record LoginRoleSpec(String purpose, boolean replication, Set<String> memberOf) {

    /** The exporter's role: reads statistics through {@code pg_monitor}, nothing else. */
    static final LoginRoleSpec MONITORING =
            new LoginRoleSpec("monitoring", false, Set.of("pg_monitor"));

    /** The standbys' role: streams WAL and runs {@code pg_basebackup}, nothing else. */
    static final LoginRoleSpec REPLICATION = new LoginRoleSpec("replication", true, Set.of());

    LoginRoleSpec {
        memberOf = Set.copyOf(memberOf);
    }

    /** The attribute clause of {@code CREATE ROLE} / {@code ALTER ROLE}. */
    String attributes() {
        return "LOGIN NOSUPERUSER INHERIT NOCREATEDB NOCREATEROLE "
                + (replication ? "REPLICATION" : "NOREPLICATION")
                + " NOBYPASSRLS";
    }
}
