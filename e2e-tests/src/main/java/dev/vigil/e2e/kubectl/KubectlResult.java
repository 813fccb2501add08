package dev.vigil.e2e.kubectl;

/**
 * What one kubectl run gave back.
 *
 * @param exitCode the process exit code
 * @param stdout everything written to standard output
 * @param stderr everything written to standard error
 */
public record KubectlResult(int exitCode, String stdout, String stderr) {

    /** Whether kubectl exited with 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }

    /** This result, or an exception with kubectl's output when it failed. */
    public KubectlResult orThrow() {
        if (!succeeded()) {
            throw new IllegalStateException(
                    "kubectl exited with "
                            + exitCode
                            + ":\n"
                            + stderr
                            + (stdout.isEmpty() ? "" : "\n" + stdout));
        }
        return this;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
