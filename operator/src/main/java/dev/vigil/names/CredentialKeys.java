package dev.vigil.names;

/**
 * The keys of every credentials Secret, generated or given by the user, for every engine: the same
 * two keys the Secrets of most operators and charts use.
 */
public final class CredentialKeys {

    /** The user name. */
    public static final String USERNAME = "username";

    /** The password. */
    public static final String PASSWORD = "password";

    private CredentialKeys() {}
}
