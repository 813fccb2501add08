package dev.vigil.runtime;

import java.util.Objects;

/**
 * The answer of a health probe: healthy or not, and in a few words why not.
 *
 * @param healthy whether the probe passes
 * @param reason why it does not pass; {@code "ok"} when it does
 */
public record ProbeResult(boolean healthy, String reason) {

    private static final ProbeResult OK = new ProbeResult(true, "ok");

    public ProbeResult {
        Objects.requireNonNull(reason, "reason");
    }

    /** The probe passes. */
    public static ProbeResult ok() {
        return OK;
    }

    /** The probe fails, for this reason. */
    public static ProbeResult failing(String reason) {
        return new ProbeResult(false, reason);
    }
}
