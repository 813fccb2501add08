package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.model.CredentialKeys;
import dev.vigil.model.DatabasePorts;
import dev.vigil.model.ExporterSettings;
import dev.vigil.model.ResourceNames;
import dev.vigil.model.RestrictedPodSecurity;
import dev.vigil.model.SecretEnv;
import dev.vigil.model.VolumeMounts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;

/**
 * The prometheus-community postgres_exporter sidecar of each PostgreSQL member. It connects to its
 * own member over loopback as the least-privilege monitoring user.
 *
 * <p>The connection comes from three variables: {@code DATA_SOURCE_URI} (host, port, database and
 * options, no credentials), {@code DATA_SOURCE_USER} (from the monitoring Secret) and {@code
 * DATA_SOURCE_PASS_FILE}, a file holding only the password, mounted from that Secret. The exporter
 * builds {@code postgresql://user:password@<uri>} from them in memory, so the password appears in
 * no URI, argument or environment variable. Versions 0.11 (Debian's package, which the tests run)
 * through 0.17 read these variables the same way: {@code DATA_SOURCE_NAME} would win if set, a
 * {@code _FILE} variable wins over its plain one, and the file's content is trimmed.
 */
public final class PostgresExporterSidecar {

    /** Name of the sidecar container. */
    public static final String CONTAINER_NAME = "exporter";

    /** The exporter image when {@code spec.exporter.image} is unset. */
    public static final String DEFAULT_IMAGE =
            "quay.io/prometheuscommunity/postgres-exporter:v0.17.1";

    /** The pod volume holding the monitoring password. */
    static final String PASSWORD_VOLUME = "monitoring-password";

    static final String DATA_SOURCE_URI =
            "127.0.0.1:" + DatabasePorts.POSTGRESQL + "/postgres?sslmode=disable";

    // Readable by the group (the pod's fsGroup), since the exporter runs as the pod's user but
    // a Secret volume is owned by root.
    private static final int PASSWORD_FILE_MODE = 0440;

    private PostgresExporterSidecar() {}

    /** The sidecar container of {@code database} (already defaulted, exporter enabled). */
    public static Container container(MonitoredDatabase database) {
        int port = DatabasePorts.exporterPort(database);
        return new ContainerBuilder()
                .withName(CONTAINER_NAME)
                .withImage(ExporterSettings.image(database, DEFAULT_IMAGE))
                .withArgs(ExporterSettings.args(database, List.of("--web.listen-address=:" + port)))
                .withEnv(
                        new EnvVarBuilder()
                                .withName("DATA_SOURCE_URI")
                                .withValue(DATA_SOURCE_URI)
                                .build(),
                        SecretEnv.of(
                                "DATA_SOURCE_USER",
                                ResourceNames.monitoringSecret(database),
                                CredentialKeys.USERNAME),
                        new EnvVarBuilder()
                                .withName("DATA_SOURCE_PASS_FILE")
                                .withValue(
                                        PostgresPaths.MONITORING_SECRET_DIR
                                                + "/"
                                                + CredentialKeys.PASSWORD)
                                .build())
                .addNewPort()
                .withName(PostgresServicesBuilder.METRICS_PORT_NAME)
                .withContainerPort(port)
                .withProtocol("TCP")
                .endPort()
                .withNewReadinessProbe()
                .withNewTcpSocket()
                .withPort(new IntOrString(PostgresServicesBuilder.METRICS_PORT_NAME))
                .endTcpSocket()
                .withPeriodSeconds(10)
                .withTimeoutSeconds(5)
                .withFailureThreshold(3)
                .endReadinessProbe()
                .withResources(ExporterSettings.resources(database))
                .withVolumeMounts(
                        VolumeMounts.of(PASSWORD_VOLUME, PostgresPaths.MONITORING_SECRET_DIR, true))
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    /** The volume with the monitoring Secret's password key only: the user name is not needed. */
    public static Volume passwordVolume(MonitoredDatabase database) {
        return new VolumeBuilder()
                .withName(PASSWORD_VOLUME)
                .withNewSecret()
                .withSecretName(ResourceNames.monitoringSecret(database))
                .addNewItem()
                .withKey(CredentialKeys.PASSWORD)
                .withPath(CredentialKeys.PASSWORD)
                .endItem()
                .withDefaultMode(PASSWORD_FILE_MODE)
                .endSecret()
                .build();
    }
}
