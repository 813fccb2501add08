package dev.vigil.testing.mongo;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802 section 5, RFC 7677), as MongoDB runs it
 * over {@code saslStart} and {@code saslContinue}:
 *
 * <pre>
 * client-first  n,,n=user,r=cnonce
 * server-first  r=cnonce+snonce,s=salt,i=iterations
 * client-final  c=biws,r=cnonce+snonce,p=proof
 * server-final  v=serverSignature
 * </pre>
 *
 * Failures throw {@link ScramFailure}; the caller answers them with AuthenticationFailed (18).
 */
final class ScramServerConversation {

    /** The client could not prove it knows the password, or broke the protocol. */
    static final class ScramFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ScramFailure(String message) {
            super(message);
        }
    }

    /** base64("n,,"): no channel binding, no authorization identity. */
    private static final String GS2_HEADER_NO_BINDING = "n,,";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Function<String, Optional<ScramSha256Credential>> users;
    private String username;
    private ScramSha256Credential credential;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private boolean complete;

    /**
     * @param users looks up the stored credential of a user in the authentication database
     */
    ScramServerConversation(Function<String, Optional<ScramSha256Credential>> users) {
        this.users = users;
    }

    /** Answers the client-first message with the server-first message. */
    byte[] start(byte[] clientFirst) throws ScramFailure {
        String message = new String(clientFirst, StandardCharsets.UTF_8);
        if (!message.startsWith(GS2_HEADER_NO_BINDING)) {
            throw new ScramFailure("unsupported GS2 header");
        }
        clientFirstBare = message.substring(GS2_HEADER_NO_BINDING.length());
        Map<String, String> attributes = attributes(clientFirstBare);
        String name = attributes.get("n");
        String clientNonce = attributes.get("r");
        if (name == null || clientNonce == null || clientNonce.isEmpty()) {
            throw new ScramFailure("client-first message lacks n or r");
        }
        username = name.replace("=2C", ",").replace("=3D", "=");
        credential = users.apply(username).orElseThrow(() -> new ScramFailure("no such user"));
        byte[] serverNonce = new byte[24];
        RANDOM.nextBytes(serverNonce);
        nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        serverFirst =
                "r="
                        + nonce
                        + ",s="
                        + Base64.getEncoder().encodeToString(credential.salt())
                        + ",i="
                        + credential.iterations();
        return serverFirst.getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the client-final message's proof and answers with the server signature. */
    byte[] finish(byte[] clientFinal) throws ScramFailure {
        if (credential == null || complete) {
            throw new ScramFailure("conversation is not waiting for a client-final message");
        }
        String message = new String(clientFinal, StandardCharsets.UTF_8);
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new ScramFailure("client-final message lacks a proof");
        }
        String withoutProof = message.substring(0, proofAt);
        Map<String, String> attributes = attributes(withoutProof);
        String expectedBinding =
                Base64.getEncoder()
                        .encodeToString(GS2_HEADER_NO_BINDING.getBytes(StandardCharsets.UTF_8));
        if (!expectedBinding.equals(attributes.get("c")) || !nonce.equals(attributes.get("r"))) {
            throw new ScramFailure("channel binding or nonce mismatch");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new ScramFailure("proof is not base64");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        if (!credential.verifyProof(proof, authMessage)) {
            throw new ScramFailure("proof does not match");
        }
        complete = true;
        String serverFinal =
                "v=" + Base64.getEncoder().encodeToString(credential.serverSignature(authMessage));
        return serverFinal.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the client proved its password. */
    boolean complete() {
        return complete;
    }

    String username() {
        return username;
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> attributes = new HashMap<>();
        for (String part : message.split(",")) {
            int eq = part.indexOf('=');
            if (eq == 1) {
                attributes.put(part.substring(0, 1), part.substring(2));
            }
        }
        return attributes;
    }
}
