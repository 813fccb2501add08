package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.names.CredentialKeys;
import dev.vigil.resources.ExporterContainers;
import dev.vigil.resources.SecretEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;

/**
 * The percona mongodb_exporter container, the same for the Managed sidecar and the External
 * Deployment; only its {@link MongoExporterTarget target} differs. The monitoring user's name and
 * password reach it only through environment variables from a Secret ({@code MONGODB_USER}, {@code
 * MONGODB_PASSWORD}), never inside the URI, where they would show in the process list and in the
 * exporter's error messages.
 */
public final class MongoExporterContainer {

    /** The exporter image when {@code spec.exporter.image} is unset. */
    public static final String DEFAULT_IMAGE = "percona/mongodb_exporter:0.47.1";

    private MongoExporterContainer() {}

    /**
     * The exporter container.
     *
     * @param exporter {@code spec.exporter}, defaulted
     * @param port the metrics port
     * @param target where the exporter connects
     * @param credentialsSecret the Secret with the monitoring user's {@link CredentialKeys keys}
     */
    public static Container build(
            ExporterSpec exporter, int port, MongoExporterTarget target, String credentialsSecret) {
        return ExporterContainers.base(exporter, DEFAULT_IMAGE, port)
                .withArgs(ExporterContainers.args(exporter, args(port, target)))
                .withEnv(env(target, credentialsSecret))
                .build();
    }

    private static List<String> args(int port, MongoExporterTarget target) {
        List<String> args = new ArrayList<>();
        if (target.uri() != null) {
            args.add("--mongodb.uri=" + target.uri());
        }
        if (!target.directConnection()) {
            // The exporter connects directly unless told otherwise, even when the URI says
            // otherwise, and a direct connection to several hosts or an SRV address fails.
            args.add("--mongodb.direct-connect=false");
        }
        args.add("--web.listen-address=:" + port);
        args.add("--collect-all");
        return args;
    }

    private static List<EnvVar> env(MongoExporterTarget target, String credentialsSecret) {
        List<EnvVar> env = new ArrayList<>();
        if (target.uriSecret() != null) {
            // The exporter reads MONGODB_URI when --mongodb.uri is not given.
            env.add(SecretEnv.of("MONGODB_URI", target.uriSecret()));
        }
        env.add(SecretEnv.of("MONGODB_USER", credentialsSecret, CredentialKeys.USERNAME));
        env.add(SecretEnv.of("MONGODB_PASSWORD", credentialsSecret, CredentialKeys.PASSWORD));
        return env;
    }
}
