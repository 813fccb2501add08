package dev.vigil.engine.mongodb.backup;

/**
 * The {@code mongodump} container's script (bash, from the official mongo image). It writes the
 * gzipped archive, with the oplog entries made while it dumped, to standard output, which the shell
 * opens on {@link MongoBackupPaths#PIPE}; opening blocks until the upload reads, and when mongodump
 * fails before writing anything the upload still sees the end of the stream. It then records
 * mongodump's exit status in {@link MongoBackupPaths#EXIT_STATUS}, which the upload reads before it
 * commits the archive: an archive is kept only when mongodump succeeded.
 *
 * <p>The password reaches mongodump through {@code --config}, a YAML file read from a pipe of the
 * shell's ({@code <(...)}), so it is never an argument, never in a file on a volume and never in
 * the URI. mongodump reads from a secondary when one is available.
 */
public final class MongoDumpScript {

    /** The variables the script reads; the password's comes from the admin Secret. */
    public static final String URI_VARIABLE = "MONGODUMP_URI";

    public static final String USERNAME_VARIABLE = "MONGODUMP_USERNAME";
    public static final String PASSWORD_VARIABLE = "MONGODUMP_PASSWORD";

    private MongoDumpScript() {}

    /**
     * The script.
     *
     * @param caFile the database's CA certificate, for a database with TLS; null without
     */
    public static String script(String caFile) {
        String tls = caFile == null ? "" : " --ssl --sslCAFile=" + caFile;
        return """
        set -u
        rm -f %2$s
        quoted=${%4$s//\\'/\\'\\'}
        mongodump --config=<(printf "password: '%%s'\\n" "$quoted") \\
          --uri="$%5$s" --username="$%6$s" --authenticationDatabase=admin \\
          --readPreference=secondaryPreferred --oplog --gzip --archive%3$s > %1$s
        status=$?
        echo "$status" > %2$s
        exit "$status"
        """
                .formatted(
                        MongoBackupPaths.PIPE,
                        MongoBackupPaths.EXIT_STATUS,
                        tls,
                        PASSWORD_VARIABLE,
                        URI_VARIABLE,
                        USERNAME_VARIABLE);
    }
}
