package dev.vigil.reconciler;

import dev.vigil.engine.PassContext;
import dev.vigil.validation.FieldError;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link PassStep} decided: the pass goes on, or it ends here, and then why, which the
 * status says.
 *
 * @param stop why the pass ends, when it does
 */
record StepResult(Optional<Stop> stop) {

    /** The pass goes on. */
    static final StepResult PROCEED = new StepResult(Optional.empty());

    /** How a pass that ends early shows in status. */
    enum Kind {
        /** {@code Ready=False, reason=InvalidSpec}: the spec, or what it names, is wrong. */
        INVALID,
        /** {@code Ready=False} with the refusal's reason: the change cannot be made safely. */
        REFUSED,
        /** {@code Ready=False} with the reason it waits for something on its way. */
        WAITING
    }

    /**
     * @param kind how the status shows it
     * @param reason the condition's reason (for {@link Kind#REFUSED} and {@link Kind#WAITING})
     * @param errors the fields at fault and why
     * @param retryLater whether to look again soon: what it waits for is not watched; without it,
     *     nothing changes until the spec does
     */
    record Stop(Kind kind, String reason, List<FieldError> errors, boolean retryLater) {

        Stop {
            errors = List.copyOf(errors);
        }
    }

    static StepResult stop(Kind kind, String reason, List<FieldError> errors, boolean retryLater) {
        return new StepResult(Optional.of(new Stop(kind, reason, errors, retryLater)));
    }

    /** Runs {@code steps} in order until one ends the pass. */
    static StepResult runAll(PassContext pass, List<PassStep> steps) {
        for (PassStep step : steps) {
            StepResult result = step.run(pass);
            if (result.stop().isPresent()) {
                return result;
            }
        }
        return PROCEED;
    }
}
