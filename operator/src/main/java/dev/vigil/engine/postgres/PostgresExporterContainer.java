package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.names.CredentialKeys;
import dev.vigil.resources.ExporterContainers;
import dev.vigil.resources.SecretEnv;
import dev.vigil.resources.VolumeMounts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The prometheus-community postgres_exporter container, the same for the Managed sidecar and the
 * External Deployment; only its {@link PostgresExporterTarget target} and where it mounts its
 * {@link Credentials credentials} differ.
 *
 * <p>The connection comes from three variables: {@code DATA_SOURCE_URI} (host, port, database and
 * options, no credentials), {@code DATA_SOURCE_USER} (from the credentials Secret) and {@code
 * DATA_SOURCE_PASS_FILE}, a file holding only the password, on a Secret volume with only the
 * password key (see {@link #passwordVolume}). The exporter builds {@code
 * postgresql://user:password@<uri>} from them in memory, so the password appears in no URI,
 * argument or environment variable. Versions 0.11 through 0.17 (0.17.1 is what the tests run) read
 * these variables the same way: {@code DATA_SOURCE_NAME} would win if set, a {@code _FILE} variable
 * wins over its plain one, and the file's content is trimmed.
 */
public final class PostgresExporterContainer {

    /** The exporter image when {@code spec.exporter.image} is unset. */
    public static final String DEFAULT_IMAGE =
            "quay.io/prometheuscommunity/postgres-exporter:v0.17.1";

    /**
     * The collectors Vigil turns on besides the exporter's defaults: {@code stat_statements}, the
     * statement latencies of {@code pg_stat_statements} (the extension Vigil creates), for the
     * query-latency alerts and panels.
     */
    public static final List<String> COLLECTOR_ARGS = List.of("--collector.stat_statements");

    // The Secret's files belong to root; the group, the pod's fsGroup, may read them, others not.
    private static final int PASSWORD_FILE_MODE = 0440;

    private PostgresExporterContainer() {}

    /**
     * The monitoring user's Secret, and the volume and directory through which the exporter reads
     * its password file. The sidecar and the Deployment name them differently; renaming either
     * would change, and so restart, every running exporter.
     *
     * @param secret the Secret with the monitoring user's {@link CredentialKeys keys}
     * @param volume the pod volume holding the password file, which the pod must have: {@link
     *     #passwordVolume}
     * @param directory where the container mounts that volume
     */
    public record Credentials(String secret, String volume, String directory) {

        /** Validates that every field is set. */
        public Credentials {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(volume, "volume");
            Objects.requireNonNull(directory, "directory");
        }

        /** The monitoring Secret of a Managed member, as its sidecar mounts it. */
        public static Credentials sidecar(String monitoringSecret) {
            return new Credentials(
                    monitoringSecret, "monitoring-password", PostgresPaths.MONITORING_SECRET_DIR);
        }

        /** The credentials Secret of an External database, as its exporter Deployment mounts it. */
        public static Credentials deployment(String credentialsSecret) {
            return new Credentials(
                    credentialsSecret, "exporter-password", "/etc/postgres-exporter/credentials");
        }

        /** The password file the exporter reads. */
        String passwordFile() {
            return directory + "/" + CredentialKeys.PASSWORD;
        }
    }

    /**
     * The exporter container.
     *
     * @param exporter {@code spec.exporter}, defaulted
     * @param port the metrics port
     * @param target where the exporter connects
     * @param credentials the monitoring user's Secret and where its password file is mounted
     */
    public static Container build(
            ExporterSpec exporter,
            int port,
            PostgresExporterTarget target,
            Credentials credentials) {
        return ExporterContainers.base(exporter, DEFAULT_IMAGE, port)
                .withArgs(
                        ExporterContainers.args(
                                exporter,
                                Stream.concat(
                                                Stream.of("--web.listen-address=:" + port),
                                                COLLECTOR_ARGS.stream())
                                        .toList()))
                .withEnv(env(target, credentials))
                .withVolumeMounts(
                        VolumeMounts.of(credentials.volume(), credentials.directory(), true))
                .build();
    }

    /** The volume with the password file of the credentials Secret, and nothing else of it. */
    public static Volume passwordVolume(Credentials credentials) {
        return new VolumeBuilder()
                .withName(credentials.volume())
                .withNewSecret()
                .withSecretName(credentials.secret())
                .addNewItem()
                .withKey(CredentialKeys.PASSWORD)
                .withPath(CredentialKeys.PASSWORD)
                .endItem()
                .withDefaultMode(PASSWORD_FILE_MODE)
                .endSecret()
                .build();
    }

    private static List<EnvVar> env(PostgresExporterTarget target, Credentials credentials) {
        EnvVar uri =
                target.uriSecret() != null
                        ? SecretEnv.of("DATA_SOURCE_URI", target.uriSecret())
                        : plain("DATA_SOURCE_URI", target.uri());
        return List.of(
                uri,
                SecretEnv.of("DATA_SOURCE_USER", credentials.secret(), CredentialKeys.USERNAME),
                plain("DATA_SOURCE_PASS_FILE", credentials.passwordFile()));
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
