package dev.vigil.engine.mongodb;

/**
 * Where things live inside a MongoDB member's containers. The configuration file refers to some of
 * them and the StatefulSet mounts volumes there, so both read them from here.
 */
public final class MongoPaths {

    /** Data directory on the member's persistent volume. */
    public static final String DATA_DIR = "/data/db";

    /** Directory of the mounted configuration ConfigMap. */
    public static final String CONFIG_DIR = "/etc/mongod";

    /** File name of mongod's configuration, a key of the ConfigMap. */
    public static final String CONFIG_FILE_NAME = "mongod.conf";

    /** Full path of mongod's configuration file. */
    public static final String CONFIG_FILE = CONFIG_DIR + "/" + CONFIG_FILE_NAME;

    /** Where the keyfile Secret is mounted, readable by the group only; the init copies it. */
    public static final String KEYFILE_SECRET_DIR = "/var/run/vigil/keyfile-secret";

    /** The in-memory directory holding the copied keyfile, owned by mongod's user. */
    public static final String KEYFILE_DIR = "/var/run/vigil/keyfile";

    /** The keyfile mongod reads, as named in its configuration. */
    public static final String KEYFILE = KEYFILE_DIR + "/" + MongoSecretsBuilder.KEYFILE_KEY;

    /** Scratch space: mongod's Unix socket, the image entrypoint's files, mongosh's state. */
    public static final String TMP_DIR = "/tmp";

    private MongoPaths() {}
}
