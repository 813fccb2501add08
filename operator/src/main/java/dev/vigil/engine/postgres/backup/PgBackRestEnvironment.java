package dev.vigil.engine.postgres.backup;

import dev.vigil.api.v1alpha1.BackupRetention;
import dev.vigil.api.v1alpha1.BackupSpec;
import dev.vigil.api.v1alpha1.BackupStore;
import dev.vigil.api.v1alpha1.BootstrapBackup;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.S3BackupStore;
import dev.vigil.api.v1alpha1.SecretKeyReference;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * pgBackRest's whole configuration, as the environment variables it reads ({@code
 * PGBACKREST_<OPTION>}): no configuration file, and the store's keys only as references to their
 * Secret, so they never appear in an argument, a file Vigil writes, a log or the status.
 */
public final class PgBackRestEnvironment {

    /** Full backups kept when {@code spec.backup.retention} is unset. */
    public static final int DEFAULT_RETENTION_COUNT = 7;

    /** The region signed for when {@code region} is unset, as AWS's own tools do. */
    public static final String DEFAULT_REGION = "us-east-1";

    private static final int HTTPS_PORT = 443;

    private PgBackRestEnvironment() {}

    /** The environment of every container that runs pgBackRest for {@code database}. */
    public static List<EnvVar> of(MonitoredDatabase database, ServerPaths server) {
        BackupSpec backup = database.getSpec().getBackup();
        List<EnvVar> env = new ArrayList<>();
        env.add(value("PGBACKREST_STANZA", BackupPaths.STANZA));
        env.addAll(repository(backup.getStore(), database));
        env.addAll(retention(backup));
        env.add(value("PGBACKREST_PG1_PATH", server.pgdata()));
        env.add(value("PGBACKREST_PG1_SOCKET_PATH", server.socketDir()));
        env.add(value("PGBACKREST_PG1_PORT", String.valueOf(server.port())));
        env.add(value("PGBACKREST_LOCK_PATH", BackupPaths.LOCK_DIR));
        env.add(value("PGBACKREST_LOG_LEVEL_CONSOLE", "info"));
        // Logs go to the container's output only: nothing is written beside the data.
        env.add(value("PGBACKREST_LOG_LEVEL_FILE", "off"));
        return env;
    }

    /**
     * The environment of the containers that restore {@code database} from {@code
     * spec.bootstrap.backup}: the source's repository, read only (no retention: nothing is expired
     * or written there), and this member's data directory.
     */
    public static List<EnvVar> source(MonitoredDatabase database, ServerPaths server) {
        BootstrapBackup source = database.getSpec().getBootstrap().getBackup();
        List<EnvVar> env = new ArrayList<>();
        env.add(value("PGBACKREST_STANZA", BackupPaths.STANZA));
        env.addAll(
                repository(
                        source.getStore(),
                        sourceRepositoryPath(database),
                        BackupPaths.SOURCE_CA_DIR));
        env.add(value("PGBACKREST_PG1_PATH", server.pgdata()));
        env.add(value("PGBACKREST_LOCK_PATH", BackupPaths.LOCK_DIR));
        env.add(value("PGBACKREST_LOG_LEVEL_CONSOLE", "info"));
        env.add(value("PGBACKREST_LOG_LEVEL_FILE", "off"));
        return env;
    }

    /** Where {@code database}'s repository is in its store: {@code <prefix>/<namespace>/<name>}. */
    public static String repositoryPath(MonitoredDatabase database) {
        return path(
                database.getSpec().getBackup().getStore(),
                BackupPaths.REPOSITORY_MOUNT,
                database.getMetadata().getNamespace(),
                database.getMetadata().getName());
    }

    /**
     * Where the repository {@code spec.bootstrap.backup} names is: the source database's, as its
     * own {@link #repositoryPath} computed it, its namespace being this database's when unset.
     */
    public static String sourceRepositoryPath(MonitoredDatabase database) {
        BootstrapBackup source = database.getSpec().getBootstrap().getBackup();
        String namespace = source.getDatabase().getNamespace();
        return path(
                source.getStore(),
                BackupPaths.SOURCE_REPOSITORY_MOUNT,
                namespace != null ? namespace : database.getMetadata().getNamespace(),
                source.getDatabase().getName());
    }

    private static String path(BackupStore store, String mount, String namespace, String name) {
        String own = namespace + "/" + name;
        if (store.getS3() != null) {
            String prefix = store.getS3().getPrefix();
            return "/" + (prefix == null || prefix.isEmpty() ? "" : prefix + "/") + own;
        }
        return mount + "/" + own;
    }

    private static List<EnvVar> repository(BackupStore store, MonitoredDatabase database) {
        return repository(store, repositoryPath(database), BackupPaths.CA_DIR);
    }

    private static List<EnvVar> repository(BackupStore store, String path, String caDir) {
        List<EnvVar> env = new ArrayList<>();
        env.add(value("PGBACKREST_REPO1_PATH", path));
        S3BackupStore s3 = store.getS3();
        if (s3 == null) {
            env.add(value("PGBACKREST_REPO1_TYPE", "posix"));
            return env;
        }
        URI endpoint = URI.create(s3.getEndpoint());
        env.add(value("PGBACKREST_REPO1_TYPE", "s3"));
        env.add(value("PGBACKREST_REPO1_S3_ENDPOINT", endpoint.getHost()));
        env.add(
                value(
                        "PGBACKREST_REPO1_STORAGE_PORT",
                        String.valueOf(endpoint.getPort() > 0 ? endpoint.getPort() : HTTPS_PORT)));
        env.add(value("PGBACKREST_REPO1_S3_BUCKET", s3.getBucket()));
        env.add(
                value(
                        "PGBACKREST_REPO1_S3_REGION",
                        s3.getRegion() != null ? s3.getRegion() : DEFAULT_REGION));
        env.add(
                value(
                        "PGBACKREST_REPO1_S3_URI_STYLE",
                        "Host".equals(s3.getUriStyle()) ? "host" : "path"));
        env.add(secret("PGBACKREST_REPO1_S3_KEY", s3.getAccessKeyId()));
        env.add(secret("PGBACKREST_REPO1_S3_KEY_SECRET", s3.getSecretAccessKey()));
        if (s3.getCa() != null) {
            env.add(value("PGBACKREST_REPO1_STORAGE_CA_FILE", caDir + "/" + s3.getCa().getKey()));
        }
        return env;
    }

    private static List<EnvVar> retention(BackupSpec backup) {
        BackupRetention retention = backup.getRetention();
        List<EnvVar> env = new ArrayList<>();
        if (retention != null && retention.getDays() != null) {
            env.add(value("PGBACKREST_REPO1_RETENTION_FULL_TYPE", "time"));
            env.add(value("PGBACKREST_REPO1_RETENTION_FULL", retention.getDays().toString()));
        } else {
            int count =
                    retention != null && retention.getCount() != null
                            ? retention.getCount()
                            : DEFAULT_RETENTION_COUNT;
            env.add(value("PGBACKREST_REPO1_RETENTION_FULL_TYPE", "count"));
            env.add(value("PGBACKREST_REPO1_RETENTION_FULL", String.valueOf(count)));
        }
        if (!PostgresArchiving.continuous(backup)) {
            // Without point-in-time recovery, keep only the WAL the newest full backup needs.
            env.add(value("PGBACKREST_REPO1_RETENTION_ARCHIVE_TYPE", "full"));
            env.add(value("PGBACKREST_REPO1_RETENTION_ARCHIVE", "1"));
        }
        return env;
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar secret(String name, SecretKeyReference reference) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(reference.getName())
                .withKey(reference.getKey())
                .endSecretKeyRef()
                .endValueFrom()
                .build();
    }
}
