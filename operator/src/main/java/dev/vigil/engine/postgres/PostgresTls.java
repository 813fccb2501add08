package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.ServerTls;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.List;

/**
 * What {@code spec.tls} changes in a PostgreSQL member, besides the server's settings ({@link
 * PostgresConfigMapBuilder}): every container mounts the TLS Secret ({@link
 * ServerTls#secretMounts}), and every client inside the pod (the bootstrap's pg_basebackup and
 * pg_rewind, the standby's walreceiver, pg_isready, the exporter) connects with {@code
 * sslmode=require} and {@code sslrootcert} naming the mounted {@code ca.crt}.
 *
 * <p>libpq (and lib/pq, in the exporter) verify the server's certificate against {@code
 * sslrootcert} when that file exists, as {@code verify-ca} does, and only encrypt when it does not:
 * so the same pod template serves a Secret with or without {@code ca.crt}, and the builders never
 * need to read the Secret. Host names are not checked: members reach each other through Services
 * and over loopback, names a certificate need not hold.
 */
public final class PostgresTls {

    /** The client's sslmode; {@code verify-ca} in effect when the CA file exists. */
    static final String CLIENT_SSL_MODE = "require";

    private PostgresTls() {}

    /** libpq's environment for the pod's clients, or nothing without TLS. */
    static List<EnvVar> clientEnv(MonitoredDatabase database) {
        if (!ServerTls.enabled(database)) {
            return List.of();
        }
        return List.of(
                new EnvVarBuilder().withName("PGSSLMODE").withValue(CLIENT_SSL_MODE).build(),
                new EnvVarBuilder().withName("PGSSLROOTCERT").withValue(ServerTls.CA_FILE).build());
    }

    /**
     * Where the exporter sidecar connects: its own member over loopback, in plain text without TLS
     * (loopback never leaves the pod), with TLS when the server requires it.
     */
    static PostgresExporterTarget sidecarTarget(MonitoredDatabase database) {
        String loopback = "127.0.0.1:" + DatabasePorts.POSTGRESQL;
        return ServerTls.enabled(database)
                ? PostgresExporterTarget.server(loopback, CLIENT_SSL_MODE, ServerTls.CA_FILE)
                : PostgresExporterTarget.server(loopback, "disable");
    }
}
