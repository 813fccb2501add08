package dev.vigil.engine;

import dev.vigil.names.DatabaseAddressResolver;
import java.util.Optional;

/**
 * How Vigil's own connections to a database use TLS: not at all, encrypted only (the server's
 * certificate is not checked: the TLS Secret has no CA), or encrypted with the server's certificate
 * chain verified against a CA. Host names are not checked, so a member reached through an address
 * mapped by {@link DatabaseAddressResolver} is still trusted.
 *
 * @param enabled whether to connect with TLS
 * @param caPem the CA certificates (PEM) to verify the server's chain against, or null to encrypt
 *     without verifying; public, but kept out of {@link #toString()} for brevity
 */
public record ClientTls(boolean enabled, String caPem) {

    /** Plain connections, as to a server without TLS. */
    public static final ClientTls NONE = new ClientTls(false, null);

    public ClientTls {
        if (!enabled && caPem != null) {
            throw new IllegalArgumentException("a CA is used only with TLS");
        }
    }

    /** TLS, verifying the server's chain against {@code caPem} when present. */
    public static ClientTls encrypted(Optional<String> caPem) {
        return new ClientTls(true, caPem.orElse(null));
    }

    /** The CA, when the server's certificate is verified. */
    public Optional<String> ca() {
        return Optional.ofNullable(caPem);
    }

    @Override
    public String toString() {
        return enabled ? (caPem != null ? "TLS (verify-ca)" : "TLS (no verification)") : "no TLS";
    }
}
