package dev.vigil.engine.mongodb.backup;

import dev.vigil.api.v1alpha1.BackupStore;
import dev.vigil.api.v1alpha1.BootstrapBackup;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.S3BackupStore;
import dev.vigil.resources.SecretEnv;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The store of a database's dumps, as the environment {@code vigil backup upload} reads ({@code
 * VIGIL_STORE_*}): the keys only as references to their Secret, so they never appear in an
 * argument, a log or the status. The dumps of {@code <namespace>/<name>} live under {@code
 * <prefix>/<namespace>/<name>} of an S3 bucket, or {@code <namespace>/<name>} of a volume, as
 * pgBackRest's repositories do.
 */
public final class DumpStoreEnvironment {

    /** The region signed for when {@code region} is unset, as AWS's own tools do. */
    static final String DEFAULT_REGION = "us-east-1";

    private DumpStoreEnvironment() {}

    /** The environment of the upload container of {@code database}'s backups. */
    public static List<EnvVar> of(MonitoredDatabase database) {
        return of(
                database.getSpec().getBackup().getStore(),
                database.getMetadata().getNamespace(),
                database.getMetadata().getName(),
                MongoBackupPaths.STORE_CA_DIR,
                MongoBackupPaths.STORE_MOUNT);
    }

    /**
     * The environment of the download container restoring {@code database} from {@code
     * spec.bootstrap.backup}: the source database's dumps, its namespace being this database's when
     * unset.
     */
    public static List<EnvVar> source(MonitoredDatabase database) {
        BootstrapBackup source = database.getSpec().getBootstrap().getBackup();
        String namespace = source.getDatabase().getNamespace();
        return of(
                source.getStore(),
                namespace != null ? namespace : database.getMetadata().getNamespace(),
                source.getDatabase().getName(),
                MongoBackupPaths.SOURCE_CA_DIR,
                MongoBackupPaths.SOURCE_MOUNT);
    }

    private static List<EnvVar> of(
            BackupStore store, String namespace, String name, String caDir, String mount) {
        String own = namespace + "/" + name;
        List<EnvVar> env = new ArrayList<>();
        S3BackupStore s3 = store.getS3();
        if (s3 == null) {
            env.add(value("VIGIL_STORE_TYPE", "directory"));
            env.add(value("VIGIL_STORE_PATH", mount + "/" + own));
            return env;
        }
        String prefix = s3.getPrefix();
        env.add(value("VIGIL_STORE_TYPE", "s3"));
        env.add(
                value(
                        "VIGIL_STORE_PATH",
                        (prefix == null || prefix.isEmpty() ? "" : prefix + "/") + own));
        env.add(value("VIGIL_STORE_S3_ENDPOINT", s3.getEndpoint()));
        env.add(value("VIGIL_STORE_S3_BUCKET", s3.getBucket()));
        env.add(
                value(
                        "VIGIL_STORE_S3_REGION",
                        s3.getRegion() != null ? s3.getRegion() : DEFAULT_REGION));
        env.add(
                value(
                        "VIGIL_STORE_S3_URI_STYLE",
                        "Host".equals(s3.getUriStyle()) ? "host" : "path"));
        env.add(SecretEnv.of("VIGIL_STORE_S3_ACCESS_KEY_ID", s3.getAccessKeyId()));
        env.add(SecretEnv.of("VIGIL_STORE_S3_SECRET_ACCESS_KEY", s3.getSecretAccessKey()));
        if (s3.getCa() != null) {
            env.add(value("VIGIL_STORE_S3_CA_FILE", caDir + "/" + s3.getCa().getKey()));
        }
        return env;
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
