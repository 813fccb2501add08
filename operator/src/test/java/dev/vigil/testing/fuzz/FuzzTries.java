package dev.vigil.testing.fuzz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * How many cases a property tries: {@link #fast()} in the suite, {@link #longRun()} in {@code
 * ./bench/reliability} (see {@link dev.vigil.testing.ReliabilityRun}). jqwik's own {@code
 * Property#tries()} is a constant; {@link FuzzRun} sets the count when the property starts, and
 * records its seed and duration.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@AddLifecycleHook(FuzzRun.class)
public @interface FuzzTries {

    /** Tries in the suite's fast mode. */
    int fast();

    /** Tries in the long run. */
    int longRun();
}
