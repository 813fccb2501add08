package dev.vigil.testing.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA and a server certificate it signed, made with the {@code openssl} command line,
 * in the files a {@code kubernetes.io/tls} Secret holds: {@code ca.crt}, {@code tls.crt}, {@code
 * tls.key}. The certificate serves both server and client authentication, as cert-manager issues it
 * for Vigil.
 *
 * @param directory where the files are
 */
public record TestCertificates(Path directory) {

    private static final long TIMEOUT_SECONDS = 60;

    /**
     * Creates a CA named {@code caName} and a certificate for {@code dnsNames} in {@code
     * directory}.
     *
     * @throws IllegalStateException when openssl is missing or fails, with its output
     */
    public static TestCertificates issue(Path directory, String caName, List<String> dnsNames) {
        try {
            Files.createDirectories(directory);
            Path extensions = directory.resolve("server.ext");
            Files.writeString(
                    extensions,
                    "subjectAltName="
                            + String.join(",", dnsNames.stream().map(n -> "DNS:" + n).toList())
                            + "\nextendedKeyUsage=serverAuth,clientAuth\n"
                            + "keyUsage=critical,digitalSignature,keyEncipherment\n",
                    StandardCharsets.UTF_8);
            openssl(
                    directory,
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "2",
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.crt",
                    "-subj",
                    "/CN=" + caName,
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign");
            openssl(
                    directory,
                    "req",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-keyout",
                    "tls.key",
                    "-out",
                    "server.csr",
                    "-subj",
                    "/CN=" + dnsNames.get(0));
            openssl(
                    directory,
                    "x509",
                    "-req",
                    "-in",
                    "server.csr",
                    "-CA",
                    "ca.crt",
                    "-CAkey",
                    "ca.key",
                    "-CAcreateserial",
                    "-days",
                    "2",
                    "-out",
                    "tls.crt",
                    "-extfile",
                    extensions.getFileName().toString());
            return new TestCertificates(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path caCertificate() {
        return directory.resolve("ca.crt");
    }

    public Path certificate() {
        return directory.resolve("tls.crt");
    }

    public Path privateKey() {
        return directory.resolve("tls.key");
    }

    /** The CA certificate, PEM, as a Secret's {@code ca.crt} holds it. */
    public String caPem() {
        try {
            return Files.readString(caCertificate(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void openssl(Path directory, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Path output = directory.resolve("openssl.log");
        Process process =
                new ProcessBuilder(command)
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                        .start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "openssl "
                                + String.join(" ", arguments)
                                + " failed:\n"
                                + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl", e);
        }
    }
}
