package dev.vigil.monitoring.promql;

import java.util.List;

/** The syntax tree of a PromQL expression; {@link #position()} is where each node starts. */
sealed interface Expr {

    int position();

    /** A number, e.g. {@code 0.9}, {@code 0x1F}, {@code -Inf}. */
    record NumberLiteral(int position) implements Expr {}

    /** A string, e.g. {@code "job"}. */
    record StringLiteral(int position) implements Expr {}

    /**
     * An instant vector selector, e.g. {@code up{job="db"} offset 5m}.
     *
     * @param name the metric name written before the braces, or null
     */
    record VectorSelector(
            int position,
            String name,
            List<LabelMatcher> matchers,
            boolean hasOffset,
            boolean hasAt)
            implements Expr {

        VectorSelector withOffset() {
            return new VectorSelector(position, name, matchers, true, hasAt);
        }

        VectorSelector withAt() {
            return new VectorSelector(position, name, matchers, hasOffset, true);
        }
    }

    /** A range vector selector, e.g. {@code up[5m]}; its modifiers live on {@code selector}. */
    record MatrixSelector(int position, VectorSelector selector) implements Expr {}

    /** A subquery, e.g. {@code rate(x[5m])[1h:1m]}. */
    record Subquery(int position, Expr expr, boolean hasOffset, boolean hasAt) implements Expr {}

    /** A function call. */
    record Call(int position, PromQlFunction function, List<Expr> args) implements Expr {}

    /**
     * An aggregation, e.g. {@code topk by (job) (3, x)}.
     *
     * @param param the parameter of topk, bottomk, quantile and count_values, or null
     */
    record Aggregation(int position, TokenType op, Expr param, Expr expr) implements Expr {}

    /**
     * A binary operation.
     *
     * @param matching the vector matching written after the operator
     */
    record Binary(int position, Token op, Expr lhs, Expr rhs, VectorMatching matching)
            implements Expr {}

    /** A unary minus or plus on a non-literal. */
    record Unary(int position, Expr expr) implements Expr {}

    /** A parenthesised expression. */
    record Paren(int position, Expr expr) implements Expr {}

    /**
     * The modifiers of a binary operator.
     *
     * @param returnBool {@code bool} was given
     * @param on {@code on(...)} rather than {@code ignoring(...)}
     * @param matchingLabels the labels of on/ignoring (empty when neither was given)
     * @param grouping {@code group_left} or {@code group_right}, or null
     * @param include the labels of group_left/group_right
     */
    record VectorMatching(
            boolean returnBool,
            boolean on,
            List<String> matchingLabels,
            TokenType grouping,
            List<String> include) {}
}
