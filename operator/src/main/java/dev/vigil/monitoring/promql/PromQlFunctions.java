package dev.vigil.monitoring.promql;

import static dev.vigil.monitoring.promql.ValueType.MATRIX;
import static dev.vigil.monitoring.promql.ValueType.SCALAR;
import static dev.vigil.monitoring.promql.ValueType.STRING;
import static dev.vigil.monitoring.promql.ValueType.VECTOR;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The functions of Prometheus 2.42 (without experimental feature flags), by name. */
final class PromQlFunctions {

    private static final Map<String, PromQlFunction> FUNCTIONS = new HashMap<>();

    static {
        for (String name :
                List.of(
                        "abs",
                        "absent",
                        "acos",
                        "acosh",
                        "asin",
                        "asinh",
                        "atan",
                        "atanh",
                        "ceil",
                        "cos",
                        "cosh",
                        "deg",
                        "exp",
                        "floor",
                        "histogram_count",
                        "histogram_sum",
                        "ln",
                        "log10",
                        "log2",
                        "rad",
                        "sgn",
                        "sin",
                        "sinh",
                        "sort",
                        "sort_desc",
                        "sqrt",
                        "tan",
                        "tanh",
                        "timestamp")) {
            add(name, List.of(VECTOR), 0, VECTOR);
        }
        for (String name :
                List.of(
                        "absent_over_time",
                        "avg_over_time",
                        "changes",
                        "count_over_time",
                        "delta",
                        "deriv",
                        "idelta",
                        "increase",
                        "irate",
                        "last_over_time",
                        "max_over_time",
                        "min_over_time",
                        "present_over_time",
                        "rate",
                        "resets",
                        "stddev_over_time",
                        "stdvar_over_time",
                        "sum_over_time")) {
            add(name, List.of(MATRIX), 0, VECTOR);
        }
        for (String name :
                List.of(
                        "day_of_month",
                        "day_of_week",
                        "day_of_year",
                        "days_in_month",
                        "hour",
                        "minute",
                        "month",
                        "year")) {
            add(name, List.of(VECTOR), 1, VECTOR);
        }
        add("clamp", List.of(VECTOR, SCALAR, SCALAR), 0, VECTOR);
        add("clamp_max", List.of(VECTOR, SCALAR), 0, VECTOR);
        add("clamp_min", List.of(VECTOR, SCALAR), 0, VECTOR);
        add("histogram_fraction", List.of(SCALAR, SCALAR, VECTOR), 0, VECTOR);
        add("histogram_quantile", List.of(SCALAR, VECTOR), 0, VECTOR);
        add("holt_winters", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR);
        add("label_join", List.of(VECTOR, STRING, STRING, STRING), -1, VECTOR);
        add("label_replace", List.of(VECTOR, STRING, STRING, STRING, STRING), 0, VECTOR);
        add("pi", List.of(), 0, SCALAR);
        add("predict_linear", List.of(MATRIX, SCALAR), 0, VECTOR);
        add("quantile_over_time", List.of(SCALAR, MATRIX), 0, VECTOR);
        add("round", List.of(VECTOR, SCALAR), 1, VECTOR);
        add("scalar", List.of(VECTOR), 0, SCALAR);
        add("time", List.of(), 0, SCALAR);
        add("vector", List.of(SCALAR), 0, VECTOR);
    }

    private PromQlFunctions() {}

    private static void add(
            String name, List<ValueType> argTypes, int variadic, ValueType returnType) {
        FUNCTIONS.put(name, new PromQlFunction(name, argTypes, variadic, returnType));
    }

    /** The function called {@code name} (case-sensitive), if Prometheus 2.42 has one. */
    static Optional<PromQlFunction> lookup(String name) {
        return Optional.ofNullable(FUNCTIONS.get(name));
    }
}
