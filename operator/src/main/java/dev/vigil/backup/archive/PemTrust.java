package dev.vigil.backup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Trust managers that trust the JVM's CAs plus those of a PEM file, e.g. a private CA. */
final class PemTrust {

    private PemTrust() {}

    /**
     * The JVM's trusted CAs and every certificate in {@code pemFile}.
     *
     * @throws IOException when the file cannot be read or holds no certificate
     */
    static TrustManager[] withCertificatesOf(Path pemFile) throws IOException {
        try {
            Collection<? extends Certificate> added;
            try (InputStream in = Files.newInputStream(pemFile)) {
                added = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (added.isEmpty()) {
                throw new IOException(pemFile + " holds no PEM certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (X509Certificate certificate : jvmDefault().getAcceptedIssuers()) {
                trusted.setCertificateEntry("jvm-" + index++, certificate);
            }
            index = 0;
            for (Certificate certificate : added) {
                trusted.setCertificateEntry("ca-file-" + index++, certificate);
            }
            TrustManagerFactory factory =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the CA certificates of " + pemFile + ": " + e, e);
        }
    }

    private static X509TrustManager jvmDefault() throws GeneralSecurityException {
        TrustManagerFactory factory =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }
}
