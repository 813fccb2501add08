package dev.vigil.engine;

import java.util.Objects;

/**
 * A user name and password read from a Secret, and how to reach the server they log in to ({@link
 * ClientTls}). {@link #toString()} never shows the password.
 *
 * @param username the user
 * @param password the password; kept out of logs, status and events
 * @param tls whether and how the connection uses TLS
 */
public record DatabaseCredentials(String username, String password, ClientTls tls) {

    public DatabaseCredentials {
        Objects.requireNonNull(tls, "tls");
    }

    /** Credentials for a server without TLS. */
    public DatabaseCredentials(String username, String password) {
        this(username, password, ClientTls.NONE);
    }

    /** The same credentials, connecting as {@code tls} says. */
    public DatabaseCredentials withTls(ClientTls tls) {
        return new DatabaseCredentials(username, password, tls);
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + username + ", password=***, tls=" + tls + "]";
    }
}
