package dev.vigil.engine.postgres;

/**
 * Where things live inside a PostgreSQL member's containers. The configuration, the bootstrap
 * script and the volume mounts all refer to them, so each reads them from here.
 */
public final class PostgresPaths {

    /** Mount point of the member's persistent volume. */
    public static final String DATA_VOLUME_DIR = "/var/lib/postgresql/data";

    /**
     * The data directory (PGDATA): a subdirectory of the volume, because a volume's root may hold
     * {@code lost+found}, and initdb refuses a directory that is not empty.
     */
    public static final String PGDATA = DATA_VOLUME_DIR + "/pgdata";

    /** Directory of the mounted ConfigMap. */
    public static final String CONFIG_DIR = "/etc/postgresql";

    /** File names of the ConfigMap's keys. */
    public static final String CONFIG_FILE_NAME = "postgresql.conf";

    public static final String HBA_FILE_NAME = "pg_hba.conf";
    public static final String BOOTSTRAP_SCRIPT_NAME = "bootstrap.sh";
    public static final String RECOVER_SCRIPT_NAME = "recover.sh";

    /** Full paths of the mounted files. */
    public static final String CONFIG_FILE = CONFIG_DIR + "/" + CONFIG_FILE_NAME;

    public static final String HBA_FILE = CONFIG_DIR + "/" + HBA_FILE_NAME;
    public static final String BOOTSTRAP_SCRIPT = CONFIG_DIR + "/" + BOOTSTRAP_SCRIPT_NAME;
    public static final String RECOVER_SCRIPT = CONFIG_DIR + "/" + RECOVER_SCRIPT_NAME;

    /** The Unix socket directory (and lock file), as the Debian build of the image expects. */
    public static final String SOCKET_DIR = "/var/run/postgresql";

    /** Scratch space; the root filesystem is read-only. */
    public static final String TMP_DIR = "/tmp";

    /**
     * The mounted Secrets: superuser and replication for the bootstrap, monitoring for the
     * exporter.
     */
    public static final String SUPERUSER_SECRET_DIR = "/var/run/vigil/superuser";

    public static final String REPLICATION_SECRET_DIR = "/var/run/vigil/replication";
    public static final String MONITORING_SECRET_DIR = "/var/run/vigil/monitoring";

    /** The mounted primary ConfigMap ({@link PostgresPrimaryConfigMap}). */
    public static final String PRIMARY_DIR = "/var/run/vigil/primary";

    /** In-memory directory of the password files the bootstrap writes (libpq passfile format). */
    public static final String PGPASS_DIR = "/var/run/vigil/pgpass";

    private PostgresPaths() {}
}
