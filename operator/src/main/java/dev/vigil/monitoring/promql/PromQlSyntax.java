package dev.vigil.monitoring.promql;

import java.util.Objects;
import java.util.Optional;

/**
 * Checks the syntax of a PromQL expression the way Prometheus 2.42 does when it loads a rule, so
 * that a broken {@code expr} in an AlertPolicy is reported by Vigil instead of by Prometheus.
 *
 * <p>Besides the grammar (operators and precedence, aggregations with by/without, offset, the
 * {@code @} modifier, range selectors, subqueries, vector matching, literals, durations), it makes
 * the checks Prometheus makes at parse time: unknown functions, wrong numbers of arguments,
 * argument and operand types, misplaced modifiers, invalid regular expressions and selectors that
 * would match every series.
 */
public final class PromQlSyntax {

    private PromQlSyntax() {}

    /**
     * The first problem in {@code expr}, or empty when Prometheus would accept it.
     *
     * @param expr a PromQL expression, possibly spanning several lines
     */
    public static Optional<PromQlError> check(String expr) {
        Objects.requireNonNull(expr, "expr");
        try {
            TypeChecker.check(PromQlParser.parse(expr));
            return Optional.empty();
        } catch (PromQlException e) {
            return Optional.of(e.toError());
        }
    }
}
