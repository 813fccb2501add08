package dev.vigil.credentials;

/**
 * Makes the secret values Vigil generates. The operator uses {@link SecureRandomCredentials};
 * {@code vigil render} uses {@link #RENDER_PLACEHOLDERS} so that no value is invented offline.
 */
public interface CredentialGenerator {

    /** Placeholder shown by {@code vigil render}: the real value is generated at run time. */
    String GENERATED_AT_RUN_TIME = "<generated at run time>";

    /** Produces placeholders instead of secrets, for offline rendering. */
    CredentialGenerator RENDER_PLACEHOLDERS =
            new CredentialGenerator() {
                @Override
                public String password() {
                    return GENERATED_AT_RUN_TIME;
                }

                @Override
                public String mongoKeyfile() {
                    return GENERATED_AT_RUN_TIME;
                }
            };

    /** A new password, safe to use unescaped in connection settings (URL-safe alphabet). */
    String password();

    /** A new MongoDB replica-set keyfile (base64 characters, 6 to 1024 of them). */
    String mongoKeyfile();
}
