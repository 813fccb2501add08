package dev.vigil.credentials;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates credentials from {@link SecureRandom}: 32 random bytes per password, 756 per keyfile.
 */
public final class SecureRandomCredentials implements CredentialGenerator {

    private static final int PASSWORD_BYTES = 32;
    // 756 bytes encode to 1008 base64 characters, under MongoDB's 1024-character keyfile limit.
    private static final int KEYFILE_BYTES = 756;

    private final SecureRandom random = new SecureRandom();

    @Override
    public String password() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(PASSWORD_BYTES));
    }

    @Override
    public String mongoKeyfile() {
        return Base64.getEncoder().encodeToString(randomBytes(KEYFILE_BYTES));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
