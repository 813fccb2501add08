package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.PostgresSpec;
import dev.vigil.resources.DatabaseConfigMap;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.ServerTls;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds the ConfigMap {@code <name>-config} of a PostgreSQL database: {@code postgresql.conf},
 * {@code pg_hba.conf}, the {@link PostgresBootstrapScript bootstrap script} and, with {@code
 * spec.bootstrap}, the {@link PostgresRecoverScript recover script}. Every member gets the same
 * files, since any member may be the primary or a standby.
 */
public final class PostgresConfigMapBuilder {

    /** PostgreSQL's defaults for the two replication limits; Vigil never goes below them. */
    static final int POSTGRES_DEFAULT_LIMIT = 10;

    // A GUC name: letters, digits, underscores, and a dot for extension settings. Anything else
    // (a newline, '=', '#') would let a parameter write other lines into the file.
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private PostgresConfigMapBuilder() {}

    /**
     * The ConfigMap of {@code database} (already defaulted).
     *
     * @param members the members the configuration must serve, for the replication limits
     * @throws IllegalArgumentException when {@code spec.postgres.parameters} holds a name or value
     *     that cannot be written safely, naming the parameter
     */
    public static ConfigMap build(MonitoredDatabase database, int members) {
        return DatabaseConfigMap.build(database, content(database, members));
    }

    /** The ConfigMap's data: file name to file text, also what the config hash is taken of. */
    public static Map<String, String> content(MonitoredDatabase database, int members) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(PostgresPaths.CONFIG_FILE_NAME, postgresqlConf(database, members));
        files.put(PostgresPaths.HBA_FILE_NAME, pgHbaConf(ServerTls.enabled(database)));
        files.put(PostgresPaths.BOOTSTRAP_SCRIPT_NAME, PostgresBootstrapScript.text());
        if (database.getSpec().getBootstrap() != null) {
            // Only here: a script no pod runs would roll every other database's pods.
            files.put(PostgresPaths.RECOVER_SCRIPT_NAME, PostgresRecoverScript.text());
        }
        return files;
    }

    /** {@code postgresql.conf}: Vigil's essentials, then {@code spec.postgres.parameters}. */
    static String postgresqlConf(MonitoredDatabase database, int members) {
        StringBuilder conf = new StringBuilder();
        conf.append(
                """
                # Written by Vigil; set spec.postgres.parameters instead of editing it.
                listen_addresses = '*'
                port = %d
                unix_socket_directories = '%s'
                # Streaming replication: every member may be the primary or a standby.
                wal_level = replica
                # One sender and one slot per member, plus room for a clone (two senders) and a
                # backup tool. Never below PostgreSQL's defaults: a standby refuses to run with
                # lower limits than its primary, so small changes of the member count must not
                # change them.
                max_wal_senders = %d
                max_replication_slots = %d
                hot_standby = on
                # Lets pg_rewind turn a former primary into a standby of the new one.
                wal_log_hints = on
                password_encryption = 'scram-sha-256'
                shared_preload_libraries = 'pg_stat_statements'
                """
                        .formatted(
                                DatabasePorts.POSTGRESQL,
                                PostgresPaths.SOCKET_DIR,
                                maxWalSenders(members),
                                maxReplicationSlots(members)));
        Map<String, String> parameters = parameters(database);
        if (!parameters.isEmpty()) {
            conf.append(
                    "# spec.postgres.parameters: the last setting of a name wins, so these"
                            + " override the above.\n");
            parameters.forEach(
                    (name, value) ->
                            conf.append(name)
                                    .append(" = ")
                                    .append(quote(name, value))
                                    .append('\n'));
        }
        if (ServerTls.enabled(database)) {
            // Last, so that no parameter can turn it off again.
            conf.append(
                    """
                    # spec.tls: server TLS, required for every network connection (pg_hba.conf).
                    # The files are the mounted Secret's: a reload (SIGHUP) reads a renewed one.
                    ssl = on
                    ssl_cert_file = '%s'
                    ssl_key_file = '%s'
                    ssl_min_protocol_version = 'TLSv1.2'
                    """
                            .formatted(ServerTls.CERTIFICATE_FILE, ServerTls.PRIVATE_KEY_FILE));
        }
        return conf.toString();
    }

    /** {@code pg_hba.conf} without TLS. */
    static String pgHbaConf() {
        return pgHbaConf(false);
    }

    /**
     * {@code pg_hba.conf}. The first matching line decides; every password is checked with
     * SCRAM-SHA-256, nothing is trusted without one, and md5 is never accepted. With {@code tls},
     * every TCP line is {@code hostssl}: a connection without TLS matches no line and is refused.
     */
    static String pgHbaConf(boolean tls) {
        String text =
                """
                # Written by Vigil. The first matching line decides.
                # TYPE  DATABASE     USER            ADDRESS       METHOD
                # The postgres OS user on the Unix socket, for an administrator's kubectl exec.
                local   all          postgres                      peer
                # Clones and streaming from the other members. Pod addresses are not known in advance,
                # so any address; PostgreSQL admits a replication connection only for a role with the
                # REPLICATION attribute, which Vigil gives to the replication user alone, whatever its
                # name in the replication Secret. A NetworkPolicy is what narrows the addresses.
                host    replication  all             all           scram-sha-256
                # The exporter sidecar, over the pod's loopback.
                host    all          %s   127.0.0.1/32  scram-sha-256
                # Applications, and Vigil itself.
                host    all          all             all           scram-sha-256
                """
                        .formatted(PostgresSecretsBuilder.MONITORING_USERNAME);
        // "host    " and "hostssl " have the same width, so the columns stay aligned.
        return tls ? text.replaceAll("(?m)^host    ", "hostssl ") : text;
    }

    static int maxWalSenders(int members) {
        return Math.max(POSTGRES_DEFAULT_LIMIT, members + 4);
    }

    static int maxReplicationSlots(int members) {
        return Math.max(POSTGRES_DEFAULT_LIMIT, members + 2);
    }

    private static Map<String, String> parameters(MonitoredDatabase database) {
        PostgresSpec postgres = database.getSpec().getPostgres();
        if (postgres == null || postgres.getParameters() == null) {
            return Map.of();
        }
        // Sorted, so the file (and its hash) does not depend on the order of the YAML map.
        return new TreeMap<>(postgres.getParameters());
    }

    // Every value is written as a quoted string, which PostgreSQL accepts for any type.
    private static String quote(String name, String value) {
        if (!PARAMETER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "spec.postgres.parameters: '%s' is not a PostgreSQL parameter name"
                            .formatted(name));
        }
        if (value == null || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "spec.postgres.parameters.%s: needs a value on one line".formatted(name));
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
