package dev.vigil.engine.mongodb.backup;

/**
 * The bash scripts of the mongo-image containers that dump and restore through the FIFO {@link
 * MongoBackupPaths#PIPE}. The password reaches the tool through {@code --config}, a YAML file read
 * from a pipe of the shell's ({@code <(...)}), so it is never an argument, never in a file on a
 * volume and never in the URI. Each script records the tool's exit status in {@link
 * MongoBackupPaths#EXIT_STATUS} before it ends with it.
 */
public final class MongoDumpScript {

    private MongoDumpScript() {}

    /**
     * The dump: the gzipped archive, with the oplog entries made while it dumped, on standard
     * output, which the shell opens on the FIFO. Opening blocks until the upload reads, and when
     * mongodump fails before writing anything the upload still sees the end of the stream, then the
     * exit status, and keeps nothing. mongodump reads from a secondary when one is available.
     *
     * @param tlsOptions {@link MongoToolPods#tlsOptions}
     */
    public static String dump(String tlsOptions) {
        return tool(
                "mongodump",
                "--readPreference=secondaryPreferred --oplog --gzip --archive" + tlsOptions,
                "> " + MongoBackupPaths.PIPE);
    }

    /**
     * The restore: the archive read from the FIFO the download writes, the oplog entries replayed
     * so the data is as it was when the dump finished. Users and roles ({@code admin}) and the
     * {@code config} database are left out: the new database keeps its own admin and monitoring
     * users.
     *
     * @param tlsOptions {@link MongoToolPods#tlsOptions}
     */
    public static String restore(String tlsOptions) {
        return tool(
                "mongorestore",
                "--gzip --archive --oplogReplay --nsExclude='admin.*' --nsExclude='config.*'"
                        + " --stopOnError"
                        + tlsOptions,
                "< " + MongoBackupPaths.PIPE);
    }

    /**
     * The restore of a verification: as {@link #restore}, into the throwaway mongod of the pod,
     * which listens on its loopback address without authentication; it waits up to {@code
     * waitSeconds} for that server to accept connections first.
     */
    public static String restoreLocal(int port, int waitSeconds) {
        return """
        set -u
        rm -f %2$s
        for attempt in $(seq 1 %4$d); do
          if (exec 3<>/dev/tcp/127.0.0.1/%3$d) 2>/dev/null; then break; fi
          sleep 1
        done
        mongorestore --host=127.0.0.1 --port=%3$d \
          --gzip --archive --oplogReplay --nsExclude='admin.*' --nsExclude='config.*' --stopOnError \
          < %1$s
        status=$?
        echo "$status" > %2$s
        exit "$status"
        """
                .formatted(MongoBackupPaths.PIPE, MongoBackupPaths.EXIT_STATUS, port, waitSeconds);
    }

    private static String tool(String program, String options, String redirect) {
        return """
        set -u
        rm -f %2$s
        quoted=${%4$s//\\'/\\'\\'}
        %7$s --config=<(printf "password: '%%s'\\n" "$quoted") \\
          --uri="$%5$s" --username="$%6$s" --authenticationDatabase=admin \\
          %3$s %1$s
        status=$?
        echo "$status" > %2$s
        exit "$status"
        """
                .formatted(
                        redirect,
                        MongoBackupPaths.EXIT_STATUS,
                        options,
                        MongoToolPods.PASSWORD_VARIABLE,
                        MongoToolPods.URI_VARIABLE,
                        MongoToolPods.USERNAME_VARIABLE,
                        program);
    }
}
