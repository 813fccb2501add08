package dev.vigil.resources;

import dev.vigil.api.v1alpha1.CertManagerIssuer;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.TlsSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Optional;

/**
 * The server TLS of a Managed database, as {@code spec.tls} asks: whether it is on, which Secret
 * holds the certificate (the one the spec names, or {@code <name>-tls} that cert-manager issues),
 * and where every container finds that Secret's files.
 *
 * <p>The Secret is mounted as it is, so a renewed certificate reaches the files without a restart
 * of the pod. Builders never read its content: whether it holds a {@code ca.crt} is decided where
 * it is used (the clients in the pod look for the file; the operator reads the Secret).
 */
public final class ServerTls {

    /** The certificate chain's key in a {@code kubernetes.io/tls} Secret. */
    public static final String CERTIFICATE_KEY = "tls.crt";

    /** The private key's key in a {@code kubernetes.io/tls} Secret. */
    public static final String PRIVATE_KEY = "tls.key";

    /** The issuing CA, optional for PostgreSQL; cert-manager writes it for CA-based issuers. */
    public static final String CA_KEY = "ca.crt";

    /** The pod volume of the TLS Secret. */
    public static final String VOLUME = "tls";

    /** Where every container of a member mounts the TLS Secret, read-only. */
    public static final String SECRET_DIR = "/var/run/vigil/tls";

    /** The mounted certificate chain. */
    public static final String CERTIFICATE_FILE = SECRET_DIR + "/" + CERTIFICATE_KEY;

    /** The mounted private key. */
    public static final String PRIVATE_KEY_FILE = SECRET_DIR + "/" + PRIVATE_KEY;

    /** The mounted CA; absent when the Secret has no {@code ca.crt}. */
    public static final String CA_FILE = SECRET_DIR + "/" + CA_KEY;

    private ServerTls() {}

    /** Whether {@code database} serves TLS. */
    public static boolean enabled(MonitoredDatabase database) {
        TlsSpec tls = database.getSpec().getTls();
        return tls != null && Boolean.TRUE.equals(tls.getEnabled());
    }

    /**
     * The cert-manager issuer, when TLS is on and cert-manager issues the certificate. An issuer
     * without a name is none: {@code SchemaDefaults} fills in {@code issuer.kind} even when the
     * spec has no issuer.
     */
    public static Optional<CertManagerIssuer> issuer(MonitoredDatabase database) {
        return enabled(database)
                ? Optional.ofNullable(database.getSpec().getTls().getIssuer())
                        .filter(issuer -> issuer.getName() != null)
                : Optional.empty();
    }

    /** The cert-manager Certificate Vigil creates, {@code <name>-tls}. */
    public static String certificateName(MonitoredDatabase database) {
        return database.getMetadata().getName() + "-tls";
    }

    /**
     * The Secret with the server certificate: {@code spec.tls.secretName}, or the one cert-manager
     * writes for {@link #certificateName the Certificate} (same name).
     */
    public static String secretName(MonitoredDatabase database) {
        String named = database.getSpec().getTls().getSecretName();
        return named != null ? named : certificateName(database);
    }

    /**
     * The Secret volume, every key of the Secret, files {@code 0640}: owned by root and readable by
     * the pod's fsGroup, which PostgreSQL accepts for a private key (owned by root, no access for
     * others) and which lets the non-root containers read it.
     */
    public static Volume secretVolume(MonitoredDatabase database) {
        return new VolumeBuilder()
                .withName(VOLUME)
                .withNewSecret()
                .withSecretName(secretName(database))
                .withDefaultMode(0640)
                .endSecret()
                .build();
    }

    /** The {@link #secretVolume Secret volume} mounted read-only at {@link #SECRET_DIR}. */
    public static VolumeMount secretMount() {
        return VolumeMounts.of(VOLUME, SECRET_DIR, true);
    }

    /**
     * The {@link #secretMount mount} of a container that reads only the Secret's files, or nothing
     * without TLS.
     */
    public static List<VolumeMount> secretMounts(MonitoredDatabase database) {
        return enabled(database) ? List.of(secretMount()) : List.of();
    }
}
