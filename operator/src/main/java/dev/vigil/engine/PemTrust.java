package dev.vigil.engine;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust built in memory from the CA certificates of a PEM text: a database's CA, read from its TLS
 * Secret and never written to a file, or a backup store's private CA.
 */
public final class PemTrust {

    private PemTrust() {}

    /**
     * A TLS context whose trust store holds the certificates of {@code caPem} and nothing else.
     *
     * @throws IllegalArgumentException when the text holds no certificate or cannot be read
     */
    public static SSLContext sslContext(String caPem) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(caPem, false), null);
            return context;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("ca.crt is not a PEM certificate: " + e, e);
        }
    }

    /**
     * Trust managers trusting the certificates of {@code caPem}, and the JVM's own CAs as well when
     * {@code withJvmCas}.
     *
     * @throws IllegalArgumentException when the text holds no certificate or cannot be read
     */
    public static TrustManager[] trustManagers(String caPem, boolean withJvmCas) {
        try {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509")
                            .generateCertificates(
                                    new ByteArrayInputStream(
                                            caPem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("the PEM text holds no certificate");
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            if (withJvmCas) {
                int j = 0;
                for (X509Certificate certificate : jvmDefault().getAcceptedIssuers()) {
                    trust.setCertificateEntry("jvm-" + j++, certificate);
                }
            }
            TrustManagerFactory managers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            managers.init(trust);
            return managers.getTrustManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("not a PEM certificate: " + e, e);
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
