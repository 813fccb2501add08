package dev.vigil.backup;

/**
 * A pgBackRest command that failed; the message is pgBackRest's first error line (e.g. {@code
 * ERROR: [055]: unable to load info file ...}), with any credential of the environment blanked.
 */
public final class PgBackRestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PgBackRestException(String message) {
        super(message);
    }
}
