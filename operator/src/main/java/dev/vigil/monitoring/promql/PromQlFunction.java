package dev.vigil.monitoring.promql;

import java.util.List;

/**
 * A PromQL function's signature.
 *
 * @param name its name
 * @param argTypes the types of its parameters; with {@code variadic != 0} the last one is optional
 *     and repeatable
 * @param variadic 0 for a fixed arity, n &gt; 0 for up to n optional trailing arguments, -1 for any
 *     number of them
 * @param returnType the type of its result
 */
record PromQlFunction(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {

    /** The fewest arguments a call may have. */
    int minArgs() {
        return variadic == 0 ? argTypes.size() : argTypes.size() - 1;
    }

    /** The most arguments a call may have, or {@link Integer#MAX_VALUE}. */
    int maxArgs() {
        if (variadic == 0) {
            return argTypes.size();
        }
        return variadic < 0 ? Integer.MAX_VALUE : argTypes.size() - 1 + variadic;
    }

    /**
     * The expected type of argument {@code index} (0-based), which must be below {@link
     * #maxArgs()}.
     */
    ValueType argType(int index) {
        return argTypes.get(Math.min(index, argTypes.size() - 1));
    }
}
