package dev.vigil.engine.mongodb.backup;

/** Names and paths shared by the containers of a MongoDB backup pod. */
public final class MongoBackupPaths {

    /** The emptyDir the dump and the upload share. */
    public static final String DUMP_DIR = "/var/run/vigil/dump";

    /** The FIFO mongodump's archive flows through. */
    public static final String PIPE = DUMP_DIR + "/archive.pipe";

    /** Where mongodump's exit status is written once it has ended. */
    public static final String EXIT_STATUS = DUMP_DIR + "/mongodump.exit";

    /** Where a verification's download writes its report, for the verifier to read. */
    public static final String DOWNLOAD_REPORT = DUMP_DIR + "/download.json";

    /** Where a verification's throwaway mongod keeps the restored data. */
    public static final String VERIFY_DATA_DIR = "/var/lib/vigil-verify";

    /** Where the store's CA is mounted, for an S3 store with a private CA. */
    public static final String STORE_CA_DIR = "/etc/vigil/backup-ca";

    /** Where a volume store is mounted. */
    public static final String STORE_MOUNT = "/var/lib/vigil-backup";

    /** Where the bootstrap source store's CA is mounted, for an S3 store with a private CA. */
    public static final String SOURCE_CA_DIR = "/etc/vigil/bootstrap-ca";

    /** Where a bootstrap source volume store is mounted, read-only. */
    public static final String SOURCE_MOUNT = "/var/lib/vigil-bootstrap";

    /** Where the download writes its report, for the operator to read. */
    public static final String TERMINATION_LOG = "/dev/termination-log";

    /** Where the database's CA is mounted, for a database with TLS. */
    public static final String DATABASE_CA_DIR = "/etc/vigil/database-ca";

    static final String DUMP_VOLUME = "dump";
    static final String TMP_VOLUME = "tmp";
    static final String VERIFY_DATA_VOLUME = "data";
    static final String STORE_CA_VOLUME = "backup-ca";
    static final String STORE_VOLUME = "backup-repository";
    static final String DATABASE_CA_VOLUME = "database-ca";
    static final String SOURCE_CA_VOLUME = "bootstrap-ca";
    static final String SOURCE_VOLUME = "bootstrap-repository";

    private MongoBackupPaths() {}
}
