package dev.vigil.rollout.analysis;

/** One evaluation of an analysis query: its value, or why there is none. */
public sealed interface Measurement {

    /** The query returned {@code value} (possibly NaN or infinite). */
    record Value(double value) implements Measurement {}

    /**
     * The query returned no sample, or Prometheus could not be asked: neither a success nor a
     * failure. An analysis whose measurements stay inconclusive does not pass, so the gate times
     * out.
     *
     * @param reason what happened, for people
     */
    record Inconclusive(String reason) implements Measurement {}
}
