package dev.vigil.monitoring.promql;

import dev.vigil.monitoring.promql.Expr.Aggregation;
import dev.vigil.monitoring.promql.Expr.Binary;
import dev.vigil.monitoring.promql.Expr.Call;
import dev.vigil.monitoring.promql.Expr.MatrixSelector;
import dev.vigil.monitoring.promql.Expr.NumberLiteral;
import dev.vigil.monitoring.promql.Expr.Paren;
import dev.vigil.monitoring.promql.Expr.StringLiteral;
import dev.vigil.monitoring.promql.Expr.Subquery;
import dev.vigil.monitoring.promql.Expr.Unary;
import dev.vigil.monitoring.promql.Expr.VectorMatching;
import dev.vigil.monitoring.promql.Expr.VectorSelector;

/**
 * The checks Prometheus 2.42 makes on a parsed expression ({@code checkAST}): operand and argument
 * types, function arity, the rules of {@code bool}, set operators and vector matching, and
 * selectors that would select every series.
 */
final class TypeChecker {

    private TypeChecker() {}

    /**
     * The type of {@code expr}.
     *
     * @throws PromQlException at the first type error
     */
    static ValueType check(Expr expr) {
        if (expr instanceof NumberLiteral) {
            return ValueType.SCALAR;
        }
        if (expr instanceof StringLiteral) {
            return ValueType.STRING;
        }
        if (expr instanceof VectorSelector vs) {
            return checkSelector(vs);
        }
        if (expr instanceof MatrixSelector ms) {
            checkSelector(ms.selector());
            return ValueType.MATRIX;
        }
        if (expr instanceof Subquery sq) {
            ValueType inner = check(sq.expr());
            if (inner != ValueType.VECTOR) {
                throw new PromQlException(
                        sq.position(),
                        "subquery is only allowed on an instant vector, got "
                                + inner.documentedName());
            }
            return ValueType.MATRIX;
        }
        if (expr instanceof Paren paren) {
            return check(paren.expr());
        }
        if (expr instanceof Unary unary) {
            ValueType inner = check(unary.expr());
            if (inner != ValueType.SCALAR && inner != ValueType.VECTOR) {
                throw new PromQlException(
                        unary.position(),
                        "unary expression only allowed on scalars or instant vectors, got "
                                + inner.documentedName());
            }
            return inner;
        }
        if (expr instanceof Call call) {
            return checkCall(call);
        }
        if (expr instanceof Aggregation aggregation) {
            return checkAggregation(aggregation);
        }
        return checkBinary((Binary) expr);
    }

    private static ValueType checkSelector(VectorSelector vs) {
        if (vs.name() != null) {
            for (LabelMatcher matcher : vs.matchers()) {
                if (matcher.name().equals("__name__")) {
                    throw new PromQlException(
                            vs.position(),
                            "metric name must not be set twice: \""
                                    + vs.name()
                                    + "\" or \""
                                    + matcher.value()
                                    + "\"");
                }
            }
        } else if (vs.matchers().stream().allMatch(LabelMatcher::matchesEmpty)) {
            throw new PromQlException(
                    vs.position(), "vector selector must contain at least one non-empty matcher");
        }
        return ValueType.VECTOR;
    }

    private static ValueType checkCall(Call call) {
        PromQlFunction function = call.function();
        int count = call.args().size();
        if (count < function.minArgs() || count > function.maxArgs()) {
            String expected =
                    function.minArgs() == function.maxArgs()
                            ? String.valueOf(function.minArgs())
                            : count < function.minArgs()
                                    ? "at least " + function.minArgs()
                                    : "at most " + function.maxArgs();
            throw new PromQlException(
                    call.position(),
                    "expected "
                            + expected
                            + " argument(s) in call to \""
                            + function.name()
                            + "\", got "
                            + count);
        }
        for (int i = 0; i < count; i++) {
            expectType(
                    call.args().get(i),
                    function.argType(i),
                    "call to function \"" + function.name() + "\"");
        }
        return function.returnType();
    }

    private static ValueType checkAggregation(Aggregation aggregation) {
        String name = aggregation.op().description();
        expectType(aggregation.expr(), ValueType.VECTOR, "aggregation " + name);
        if (aggregation.param() != null) {
            ValueType wanted =
                    aggregation.op() == TokenType.COUNT_VALUES
                            ? ValueType.STRING
                            : ValueType.SCALAR;
            expectType(aggregation.param(), wanted, "parameter of aggregation " + name);
        }
        return ValueType.VECTOR;
    }

    private static ValueType checkBinary(Binary binary) {
        ValueType lhs = check(binary.lhs());
        ValueType rhs = check(binary.rhs());
        TokenType op = binary.op().type();
        VectorMatching matching = binary.matching();
        int at = binary.op().position();
        String name = op.description();
        if (matching.returnBool() && !op.isComparison()) {
            throw new PromQlException(
                    at, "bool modifier can only be used on comparison operators, not " + name);
        }
        if (op.isComparison()
                && !matching.returnBool()
                && lhs == ValueType.SCALAR
                && rhs == ValueType.SCALAR) {
            throw new PromQlException(at, "comparisons between scalars must use the bool modifier");
        }
        if (matching.on()) {
            for (String label : matching.include()) {
                if (matching.matchingLabels().contains(label)) {
                    throw new PromQlException(
                            at,
                            "label \""
                                    + label
                                    + "\" must not occur in on(...) and the group clause at once");
                }
            }
        }
        requireOperand(binary.lhs(), lhs);
        requireOperand(binary.rhs(), rhs);
        boolean bothVectors = lhs == ValueType.VECTOR && rhs == ValueType.VECTOR;
        if (!bothVectors && !matching.matchingLabels().isEmpty()) {
            throw new PromQlException(
                    at, "vector matching (on/ignoring) only allowed between instant vectors");
        }
        if (bothVectors && op.isSetOperator() && matching.grouping() != null) {
            throw new PromQlException(
                    at, "no grouping (group_left/group_right) allowed for " + name + " operation");
        }
        if (op.isSetOperator() && !bothVectors) {
            throw new PromQlException(
                    at, "set operator " + name + " not allowed in binary scalar expression");
        }
        return lhs == ValueType.SCALAR && rhs == ValueType.SCALAR
                ? ValueType.SCALAR
                : ValueType.VECTOR;
    }

    private static void requireOperand(Expr operand, ValueType type) {
        if (type != ValueType.SCALAR && type != ValueType.VECTOR) {
            throw new PromQlException(
                    operand.position(),
                    "binary expression must contain only scalar and instant vector types, got "
                            + type.documentedName());
        }
    }

    private static void expectType(Expr expr, ValueType wanted, String context) {
        ValueType actual = check(expr);
        if (actual != wanted) {
            throw new PromQlException(
                    expr.position(),
                    "expected type "
                            + wanted.documentedName()
                            + " in "
                            + context
                            + ", got "
                            + actual.documentedName());
        }
    }
}
