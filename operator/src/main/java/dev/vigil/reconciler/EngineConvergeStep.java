package dev.vigil.reconciler;

import dev.vigil.engine.EngineStep;
import dev.vigil.engine.PassContext;

/**
 * Runs the engine's own step against the running database ({@link EngineStep}), and keeps what it
 * found in the pass for the steps after it and for the status.
 */
final class EngineConvergeStep implements PassStep {

    private final EngineSteps steps;

    EngineConvergeStep(EngineSteps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult run(PassContext pass) {
        pass.recordOutcome(steps.of(pass.engine()).run(pass));
        return StepResult.PROCEED;
    }
}
