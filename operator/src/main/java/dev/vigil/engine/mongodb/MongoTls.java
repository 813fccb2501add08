package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.resources.ServerTls;
import dev.vigil.resources.VolumeMounts;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;

/**
 * What {@code spec.tls} changes in a MongoDB member. mongod reads its certificate and key from one
 * PEM file, so the {@code keyfile} init container concatenates the Secret's {@code tls.crt} and
 * {@code tls.key} into an in-memory emptyDir, as it copies the keyfile; mongod, its probes and the
 * exporter trust the Secret's {@code ca.crt}, which MongoDB needs: members present their
 * certificate to each other and verify the other's.
 *
 * <p>mongod requires TLS on every connection ({@code requireTLS}) and accepts clients without a
 * certificate: clients authenticate with SCRAM, members with the keyfile as before. The exporter
 * and the probes connect over loopback, a name the certificate need not hold, so they check the
 * certificate's chain but not its host name.
 */
public final class MongoTls {

    /** The in-memory volume of the PEM file mongod reads. */
    static final String PEM_VOLUME = "tls-pem";

    /** Where it is mounted. */
    static final String PEM_DIR = "/var/run/vigil/tls-pem";

    /** Certificate chain and private key, in that order, readable by mongod's user only. */
    static final String PEM_FILE = PEM_DIR + "/server.pem";

    private MongoTls() {}

    /** The options a client inside the pod adds to its loopback URI, or "" without TLS. */
    static String loopbackUriOptions(MonitoredDatabase database) {
        return ServerTls.enabled(database)
                ? "&tls=true&tlsCAFile=" + ServerTls.CA_FILE + "&tlsAllowInvalidHostnames=true"
                : "";
    }

    /** The options of the ping probe's shell, or "" without TLS. */
    static String shellOptions(MonitoredDatabase database) {
        return ServerTls.enabled(database)
                ? " --tls --tlsCAFile " + ServerTls.CA_FILE + " --tlsAllowInvalidHostnames"
                : "";
    }

    /**
     * The init container's extra commands: builds the PEM file, or "" without TLS. {@code rm}
     * first, as for the keyfile: a restarted pod's emptyDir keeps the old read-only file. A newline
     * between the two, in case the certificate's last line has none.
     */
    static String pemScript(MonitoredDatabase database) {
        if (!ServerTls.enabled(database)) {
            return "";
        }
        String script =
                " && rm -f %1$s && cat %2$s > %1$s && echo >> %1$s && cat %3$s >> %1$s"
                        + " && chmod 0400 %1$s";
        return script.formatted(PEM_FILE, ServerTls.CERTIFICATE_FILE, ServerTls.PRIVATE_KEY_FILE);
    }

    /** mongod.conf's {@code net.tls} section (indented under {@code net:}), or "". */
    static String netTlsConf(MonitoredDatabase database) {
        if (!ServerTls.enabled(database)) {
            return "";
        }
        return """
          tls:
            mode: requireTLS
            certificateKeyFile: %s
            CAFile: %s
            allowConnectionsWithoutCertificates: true
        """
                .formatted(PEM_FILE, ServerTls.CA_FILE);
    }

    /** The init container's mounts: the Secret and the PEM directory, writable. */
    static List<VolumeMount> initMounts(MonitoredDatabase database) {
        return ServerTls.enabled(database)
                ? List.of(ServerTls.secretMount(), VolumeMounts.of(PEM_VOLUME, PEM_DIR, false))
                : List.of();
    }

    /** mongod's mounts: the Secret (for the CA) and the PEM directory. */
    static List<VolumeMount> mongodMounts(MonitoredDatabase database) {
        return ServerTls.enabled(database)
                ? List.of(ServerTls.secretMount(), VolumeMounts.of(PEM_VOLUME, PEM_DIR, true))
                : List.of();
    }

    /** The pod's TLS volumes, or none. */
    static List<Volume> volumes(MonitoredDatabase database) {
        if (!ServerTls.enabled(database)) {
            return List.of();
        }
        return List.of(
                ServerTls.secretVolume(database),
                // In memory: the private key never lands on the node's disk.
                new VolumeBuilder()
                        .withName(PEM_VOLUME)
                        .withNewEmptyDir()
                        .withMedium("Memory")
                        .endEmptyDir()
                        .build());
    }
}
