package dev.vigil.e2e.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The files the control plane starts from, written once per cluster into its directory: the
 * service-account signing key pair, the static tokens of the cluster's administrator and of the
 * node, and the audit policy. The tokens are random per cluster and live only in files readable by
 * this user.
 *
 * @param directory where the files are
 * @param adminToken a member of {@code system:masters}: the tests, kubectl and the harness
 * @param nodeToken {@code system:node:<node>} in {@code system:nodes}, as a kubelet authenticates
 */
public record ControlPlaneFiles(Path directory, String adminToken, String nodeToken) {

    /** Who may be audited: every service account (the operator is one). */
    private static final String AUDIT_POLICY =
            """
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: ["RequestReceived"]
            rules:
              - level: Metadata
                userGroups: ["system:serviceaccounts"]
              - level: None
            """;

    static ControlPlaneFiles write(Path directory, String nodeName) {
        SecureRandom random = new SecureRandom();
        ControlPlaneFiles files = new ControlPlaneFiles(directory, token(random), token(random));
        try {
            Files.createDirectories(directory);
            KeyPair keys = serviceAccountKeys();
            writePrivate(
                    files.serviceAccountKey(), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            Files.writeString(
                    files.serviceAccountPublicKey(),
                    pem("PUBLIC KEY", keys.getPublic().getEncoded()));
            writePrivate(
                    files.tokens(),
                    files.adminToken
                            + ",vigil-admin,vigil-admin,\"system:masters\"\n"
                            + files.nodeToken
                            + ",system:node:"
                            + nodeName
                            + ",system:node:"
                            + nodeName
                            + ",\"system:nodes\"\n");
            Files.writeString(files.auditPolicy(), AUDIT_POLICY);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the control plane's files in " + directory, e);
        }
        return files;
    }

    public Path serviceAccountKey() {
        return directory.resolve("service-account.key");
    }

    public Path serviceAccountPublicKey() {
        return directory.resolve("service-account.pub");
    }

    public Path tokens() {
        return directory.resolve("tokens.csv");
    }

    public Path auditPolicy() {
        return directory.resolve("audit-policy.yaml");
    }

    /** The API server's audit log: one JSON object a line. */
    public Path auditLog() {
        return directory.resolve("audit.log");
    }

    /** Where the API server writes its self-signed serving certificate. */
    public Path certificates() {
        return directory.resolve("certificates");
    }

    private static KeyPair serviceAccountKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN "
                + type
                + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END "
                + type
                + "-----\n";
    }

    private static String token(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(
                file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
