package dev.vigil.testing.fuzz;

import dev.vigil.testing.ReliabilityRun;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Runs a property annotated {@link FuzzTries} with the tries of this run's mode, and writes what
 * jqwik reports of it (the seed, to reproduce a failure with {@code @Property(seed = ...)}) and how
 * long it took into the {@link FuzzFigures} of its class.
 */
public final class FuzzRun implements AroundPropertyHook {

    /** The seed of every property in the suite's fast mode. */
    static final String FAST_SEED = "20261207";

    @Override
    public PropertyExecutionResult aroundProperty(
            PropertyLifecycleContext context, PropertyExecutor property) {
        FuzzTries tries =
                context.findAnnotation(FuzzTries.class)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                context.label() + " has no @FuzzTries"));
        int count = ReliabilityRun.count(tries.fast(), tries.longRun());
        if (context.attributes().tries().isEmpty()) {
            context.attributes().setTries(count);
        }
        // The suite replays fixed cases, so CI neither flakes nor depends on chance; the long
        // run explores new ones each time, and records its seed.
        if (!ReliabilityRun.isLong() && context.attributes().seed().isEmpty()) {
            context.attributes().setSeed(FAST_SEED);
        }
        long start = System.nanoTime();
        PropertyExecutionResult result = property.execute();
        long millis = (System.nanoTime() - start) / 1_000_000;
        FuzzFigures figures = FuzzFigures.of(context.containerClass());
        String name = context.targetMethod().getName();
        figures.set(name + ".tries", context.attributes().tries().orElse(count));
        figures.set(name + ".seed", result.seed().orElse("none"));
        figures.set(name + ".status", result.status());
        figures.set(name + ".millis", millis);
        return result;
    }

    /** Outermost, so the tries are set before jqwik starts generating. */
    @Override
    public int aroundPropertyProximity() {
        return -100;
    }
}
