package dev.vigil.engine.external;

import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.model.CredentialKeys;
import dev.vigil.model.ExporterContainers;
import dev.vigil.model.SecretEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The prometheus-community postgres_exporter container, parameterised by its {@link
 * PostgresExporterTarget target}. The External Deployment uses it, and the Managed PostgreSQL
 * sidecar should use it too (with a loopback target and the monitoring Secret), so that both run
 * one definition of the exporter.
 *
 * <p>The user name comes from the credentials Secret as {@code DATA_SOURCE_USER}; the password is
 * read from a file ({@code DATA_SOURCE_PASS_FILE}) on a Secret volume holding only the password key
 * (see {@link #passwordVolume}), so it is not even in the container's environment.
 */
public final class PostgresExporterContainer {

    /** The exporter image when {@code spec.exporter.image} is unset. */
    public static final String DEFAULT_IMAGE =
            "quay.io/prometheuscommunity/postgres-exporter:v0.17.1";

    /** Name of the volume holding the password file; the pod must have {@link #passwordVolume}. */
    public static final String PASSWORD_VOLUME = "exporter-password";

    static final String PASSWORD_DIRECTORY = "/etc/postgres-exporter/credentials";

    // The Secret's files belong to root; the group, the pod's fsGroup, may read them, others not.
    private static final int PASSWORD_FILE_MODE = 0440;

    private PostgresExporterContainer() {}

    /**
     * The exporter container.
     *
     * @param exporter {@code spec.exporter}, defaulted
     * @param port the metrics port
     * @param target where the exporter connects
     * @param credentialsSecret the Secret with the monitoring user's {@link CredentialKeys keys}
     */
    public static Container build(
            ExporterSpec exporter,
            int port,
            PostgresExporterTarget target,
            String credentialsSecret) {
        return ExporterContainers.base(exporter, DEFAULT_IMAGE, port)
                .withArgs(args(exporter, port))
                .withEnv(env(target, credentialsSecret))
                .addNewVolumeMount()
                .withName(PASSWORD_VOLUME)
                .withMountPath(PASSWORD_DIRECTORY)
                .withReadOnly(true)
                .endVolumeMount()
                .build();
    }

    /** The volume with the password file of {@code credentialsSecret}, and nothing else of it. */
    public static Volume passwordVolume(String credentialsSecret) {
        return new VolumeBuilder()
                .withName(PASSWORD_VOLUME)
                .withNewSecret()
                .withSecretName(credentialsSecret)
                .addNewItem()
                .withKey(CredentialKeys.PASSWORD)
                .withPath(CredentialKeys.PASSWORD)
                .endItem()
                .withDefaultMode(PASSWORD_FILE_MODE)
                .endSecret()
                .build();
    }

    private static List<String> args(ExporterSpec exporter, int port) {
        List<String> args = new ArrayList<>();
        args.add("--web.listen-address=:" + port);
        if (exporter.getArgs() != null) {
            args.addAll(exporter.getArgs());
        }
        return args;
    }

    private static List<EnvVar> env(PostgresExporterTarget target, String credentialsSecret) {
        List<EnvVar> env = new ArrayList<>();
        if (target.uriSecret() != null) {
            env.add(
                    SecretEnv.of(
                            "DATA_SOURCE_URI",
                            target.uriSecret().getName(),
                            target.uriSecret().getKey()));
        } else {
            env.add(
                    new EnvVarBuilder()
                            .withName("DATA_SOURCE_URI")
                            .withValue(target.uri())
                            .build());
        }
        env.add(SecretEnv.of("DATA_SOURCE_USER", credentialsSecret, CredentialKeys.USERNAME));
        env.add(
                new EnvVarBuilder()
                        .withName("DATA_SOURCE_PASS_FILE")
                        .withValue(PASSWORD_DIRECTORY + "/" + CredentialKeys.PASSWORD)
                        .build());
        return env;
    }
}
