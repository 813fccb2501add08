package dev.vigil.testing.mongo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a MongoDB server stores for a SCRAM-SHA-256 user (RFC 5802, RFC 7677): salt, iteration
 * count, StoredKey and ServerKey; never the password. The double keeps users this way so a wrong
 * password fails the same proof check a real server makes.
 *
 * <p>Passwords are used as given: SASLprep leaves printable ASCII unchanged, and that is what the
 * tests use.
 */
final class ScramSha256Credential {

    /** MongoDB's default for SCRAM-SHA-256; the driver refuses fewer than 4096. */
    static final int ITERATIONS = 15000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final int iterations;
    private final byte[] storedKey;
    private final byte[] serverKey;

    private ScramSha256Credential(byte[] salt, int iterations, String password) {
        this.salt = salt.clone();
        this.iterations = iterations;
        byte[] saltedPassword = saltedPassword(password, salt, iterations);
        this.storedKey = sha256(hmac(saltedPassword, "Client Key"));
        this.serverKey = hmac(saltedPassword, "Server Key");
    }

    /** Derives the stored keys for {@code password} with a fresh random salt. */
    static ScramSha256Credential derive(String password) {
        byte[] salt = new byte[28];
        RANDOM.nextBytes(salt);
        return new ScramSha256Credential(salt, ITERATIONS, password);
    }

    /** Whether {@code password} derives the same StoredKey with this salt. */
    boolean matches(String password) {
        return MessageDigest.isEqual(
                storedKey, new ScramSha256Credential(salt, iterations, password).storedKey);
    }

    byte[] salt() {
        return salt.clone();
    }

    int iterations() {
        return iterations;
    }

    /**
     * Checks a client proof: ClientKey = proof XOR HMAC(StoredKey, AuthMessage), and H(ClientKey)
     * must equal StoredKey.
     */
    boolean verifyProof(byte[] proof, String authMessage) {
        byte[] signature = hmac(storedKey, authMessage);
        if (proof.length != signature.length) {
            return false;
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        return MessageDigest.isEqual(storedKey, sha256(clientKey));
    }

    /** ServerSignature = HMAC(ServerKey, AuthMessage), which the client checks in turn. */
    byte[] serverSignature(String authMessage) {
        return hmac(serverKey, authMessage);
    }

    private static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
