package dev.vigil.cli;

/** Exit codes of {@code vigil validate} and {@code vigil render}, for scripts and CI. */
final class ExitCodes {

    /** Every resource is valid (and was rendered). */
    static final int VALID = 0;

    /** At least one resource has a problem; the problems are on stdout. */
    static final int INVALID = 1;

    /**
     * An input could not be read: missing file, YAML syntax error. Also picocli's code for a wrong
     * command line, which is the same kind of failure: nothing was validated.
     */
    static final int UNREADABLE = 2;

    private ExitCodes() {}
}
