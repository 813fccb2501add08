package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.CredentialKeys;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.DatabaseStatefulSets;
import dev.vigil.resources.RestrictedPodSecurity;
import dev.vigil.resources.SecretEnv;
import dev.vigil.resources.VolumeMounts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

/**
 * The containers of a MongoDB member: the {@code keyfile} init container and {@code mongod}.
 *
 * <p>mongod refuses a keyfile that its group can read, and a Secret volume cannot be owned by a
 * non-root user, so the init container copies the key from the Secret volume into an in-memory
 * emptyDir, as mongod's user, and makes it readable by that user only.
 */
public final class MongodContainers {

    /** Name of the database container. */
    public static final String MONGOD = "mongod";

    /** Name of the init container preparing the keyfile. */
    public static final String KEYFILE_INIT = "keyfile";

    /** Volume names shared with the pod spec. */
    static final String DATA_VOLUME = "data";

    static final String CONFIG_VOLUME = "config";
    static final String KEYFILE_SECRET_VOLUME = "keyfile-secret";
    static final String KEYFILE_VOLUME = "keyfile";
    static final String TMP_VOLUME = "tmp";

    /** The Docker official image, used with the spec's version when no image is given. */
    static final String OFFICIAL_IMAGE = "mongo";

    // Pinging is allowed without authentication, so the probe needs no credentials.
    // Exits non-zero unless the server answers ping with ok: 1. mongosh ships with MongoDB 6.0
    // and later images, the legacy mongo shell with 5.0; the probe uses whichever is there.
    private static final String PING_SCRIPT =
            "const ok = db.adminCommand({ping: 1}).ok; if (ok !== 1) { quit(1); }";
    private static final String PING =
            "if command -v mongosh >/dev/null 2>&1; then shell=mongosh; else shell=mongo; fi;"
                    + " exec \"$shell\" --quiet --norc%s --eval \""
                    + PING_SCRIPT
                    + "\"";

    private MongodContainers() {}

    /** {@code spec.image}, or the official image of {@code spec.version}. */
    public static String image(MonitoredDatabase database) {
        String image = database.getSpec().getImage();
        return image != null ? image : OFFICIAL_IMAGE + ":" + database.getSpec().getVersion();
    }

    /** The init container copying the keyfile where mongod accepts it. */
    public static Container keyfileInit(MonitoredDatabase database) {
        String target = MongoPaths.KEYFILE;
        String source = MongoPaths.KEYFILE_SECRET_DIR + "/" + MongoSecretsBuilder.KEYFILE_KEY;
        // rm first: when the pod restarts the emptyDir keeps the old read-only copy, which cp
        // could not overwrite.
        String script =
                "rm -f %1$s && cp %2$s %1$s && chmod 0400 %1$s".formatted(target, source)
                        + MongoTls.pemScript(database);
        return new ContainerBuilder()
                .withName(KEYFILE_INIT)
                .withImage(image(database))
                .withCommand("sh", "-c", script)
                .withVolumeMounts(
                        VolumeMounts.of(KEYFILE_SECRET_VOLUME, MongoPaths.KEYFILE_SECRET_DIR, true),
                        VolumeMounts.of(KEYFILE_VOLUME, MongoPaths.KEYFILE_DIR, false))
                .addAllToVolumeMounts(MongoTls.initMounts(database))
                // The database's resources: an init container's requests never add to the pod's,
                // and a quota that demands limits admits it.
                .withResources(DatabaseStatefulSets.databaseResources(database))
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    /**
     * The mongod container. The official image's entrypoint creates the root user from {@code
     * MONGO_INITDB_ROOT_*} on the first start of an empty data directory, which is how Vigil can
     * later authenticate to initiate the replica set.
     */
    public static Container mongod(MonitoredDatabase database) {
        String adminSecret = ResourceNames.adminSecret(database);
        return new ContainerBuilder()
                .withName(MONGOD)
                .withImage(image(database))
                // args, not command: the image's entrypoint must run to create the root user.
                .withArgs("--config", MongoPaths.CONFIG_FILE)
                .withEnv(
                        SecretEnv.of(
                                "MONGO_INITDB_ROOT_USERNAME", adminSecret, CredentialKeys.USERNAME),
                        SecretEnv.of(
                                "MONGO_INITDB_ROOT_PASSWORD", adminSecret, CredentialKeys.PASSWORD),
                        // mongosh (the probes) keeps its state under $HOME, which for the image's
                        // mongodb user is the data directory: keep it out of the data.
                        new EnvVarBuilder().withName("HOME").withValue(MongoPaths.TMP_DIR).build())
                .addNewPort()
                .withName(MongoServicesBuilder.MONGODB_PORT_NAME)
                .withContainerPort(DatabasePorts.MONGODB)
                .withProtocol("TCP")
                .endPort()
                .withStartupProbe(startupProbe())
                .withReadinessProbe(pingProbe(database, 10, 5, 3))
                // Slower and more tolerant than readiness: a restart of a busy member costs far
                // more than a few missed pings.
                .withLivenessProbe(pingProbe(database, 20, 10, 6))
                .withResources(DatabaseStatefulSets.databaseResources(database))
                .withVolumeMounts(
                        VolumeMounts.of(DATA_VOLUME, MongoPaths.DATA_DIR, false),
                        VolumeMounts.of(CONFIG_VOLUME, MongoPaths.CONFIG_DIR, true),
                        VolumeMounts.of(KEYFILE_VOLUME, MongoPaths.KEYFILE_DIR, true),
                        VolumeMounts.of(TMP_VOLUME, MongoPaths.TMP_DIR, false))
                .addAllToVolumeMounts(MongoTls.mongodMounts(database))
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    // mongod may spend minutes replaying its journal after an unclean shutdown, and the first
    // start runs the image's initialisation before the real server listens: allow ten minutes
    // before the liveness probe may restart it.
    private static Probe startupProbe() {
        return new ProbeBuilder()
                .withNewTcpSocket()
                .withPort(new IntOrString(MongoServicesBuilder.MONGODB_PORT_NAME))
                .endTcpSocket()
                .withPeriodSeconds(10)
                .withTimeoutSeconds(5)
                .withFailureThreshold(60)
                .build();
    }

    private static Probe pingProbe(
            MonitoredDatabase database,
            int periodSeconds,
            int timeoutSeconds,
            int failureThreshold) {
        return new ProbeBuilder()
                .withNewExec()
                .withCommand("sh", "-c", PING.formatted(MongoTls.shellOptions(database)))
                .endExec()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(timeoutSeconds)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
