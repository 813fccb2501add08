package dev.vigil.reconciler;

import dev.vigil.engine.PassContext;

/**
 * One named step of a pass over a database. Every step has this one signature: it reads what it
 * needs from the {@link PassContext}, leaves there what later steps need, and says whether the pass
 * goes on.
 */
@FunctionalInterface
interface PassStep {

    StepResult run(PassContext pass);
}
