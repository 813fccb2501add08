package dev.vigil.engine;

/**
 * A user name and password read from a Secret. {@link #toString()} never shows the password.
 *
 * @param username the user
 * @param password the password; kept out of logs, status and events
 */
public record DatabaseCredentials(String username, String password) {

    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + username + ", password=***]";
    }
}
