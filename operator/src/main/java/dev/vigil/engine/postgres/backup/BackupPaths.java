package dev.vigil.engine.postgres.backup;

import dev.vigil.resources.DatabasePorts;

/** Where the backup pieces live in a member pod, and the agent's port. */
public final class BackupPaths {

    /** The emptyDir the tools init container fills with pgBackRest and its libraries. */
    public static final String TOOLS_DIR = "/opt/vigil/backup";

    /** The wrapper that runs the copied pgBackRest with its libraries. */
    public static final String PGBACKREST = TOOLS_DIR + "/pgbackrest";

    /** Where the store's CA certificate is mounted, when it has one. */
    public static final String CA_DIR = "/etc/vigil/backup-ca";

    /** Where a volume store's claim is mounted. */
    public static final String REPOSITORY_MOUNT = "/var/lib/vigil-backup";

    /** Where the CA of {@code spec.bootstrap.backup.store} is mounted, when it has one. */
    public static final String SOURCE_CA_DIR = "/etc/vigil/bootstrap-ca";

    /** Where the claim of a {@code spec.bootstrap.backup.store} volume is mounted. */
    public static final String SOURCE_REPOSITORY_MOUNT = "/var/lib/vigil-bootstrap";

    /** pgBackRest's lock files, in the pod's shared scratch {@code /tmp}. */
    public static final String LOCK_DIR = "/tmp/pgbackrest";

    /** pgBackRest's stanza: one per repository path, so one name serves every database. */
    public static final String STANZA = "db";

    /** The backup agent's HTTP port: {@code GET /v1/status}. */
    public static final int AGENT_PORT = DatabasePorts.BACKUP_AGENT;

    public static final String AGENT_PORT_NAME = "backup-agent";

    /** The agent's status path. */
    public static final String AGENT_STATUS_PATH = "/v1/status";

    static final String TOOLS_VOLUME = "backup-tools";
    static final String CA_VOLUME = "backup-ca";
    static final String REPOSITORY_VOLUME = "backup-repository";
    static final String SOURCE_CA_VOLUME = "bootstrap-ca";
    static final String SOURCE_REPOSITORY_VOLUME = "bootstrap-repository";

    private BackupPaths() {}
}
