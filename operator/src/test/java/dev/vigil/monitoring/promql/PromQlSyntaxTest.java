package dev.vigil.monitoring.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Positions and messages of {@link PromQlSyntax} errors. */
class PromQlSyntaxTest {

    private static PromQlError error(String expr) {
        Optional<PromQlError> error = PromQlSyntax.check(expr);
        assertTrue(error.isPresent(), "expected an error for " + expr);
        return error.get();
    }

    @Test
    void acceptsAMultiLineRuleWithComments() {
        assertEquals(
                Optional.empty(),
                PromQlSyntax.check(
                        "sum by (job) (\n  rate(http_requests_total[5m]) # per second\n) > 10"));
    }

    @Test
    void reportsAMissingOperandAtTheClosingParenthesis() {
        assertEquals(
                new PromQlError(14, "unexpected \")\" at 14: expected an expression"),
                error("sum(rate(x) + )"));
    }

    @Test
    void reportsAnUnclosedParenthesisAtTheEnd() {
        assertEquals(new PromQlError(15, "unclosed left parenthesis"), error("sum(rate(x[5m])"));
    }

    @Test
    void reportsAnUnknownFunctionAtItsName() {
        assertEquals(new PromQlError(5, "unknown function \"rat\""), error("1 + (rat(x[5m]))"));
    }

    @Test
    void reportsAnInstantVectorWhereARangeIsNeeded() {
        assertEquals(
                new PromQlError(
                        5,
                        "expected type range vector in call to function \"rate\", got instant"
                                + " vector"),
                error("rate(x)"));
    }

    @Test
    void reportsTheArityOfVariadicFunctions() {
        assertEquals(
                new PromQlError(0, "expected at most 2 argument(s) in call to \"round\", got 3"),
                error("round(x, 1, 2)"));
        assertEquals(
                new PromQlError(
                        0, "expected at least 3 argument(s) in call to \"label_join\", got 2"),
                error("label_join(x, \"a\")"));
    }

    @Test
    void reportsAnAggregationOverAScalar() {
        assertEquals(
                new PromQlError(
                        4, "expected type instant vector in aggregation \"sum\", got scalar"),
                error("sum(1)"));
    }

    @Test
    void reportsAStringWhereANumberIsNeeded() {
        assertEquals(
                new PromQlError(
                        19,
                        "expected type scalar in call to function \"histogram_quantile\", got"
                                + " string"),
                error("histogram_quantile(\"0.9\", x)"));
    }

    @Test
    void reportsABadDurationAtTheDuration() {
        assertEquals(
                "not a valid duration string: \"30m1h\" (units go y, w, d, h, m, s, ms)",
                error("x[30m1h]").message());
        assertEquals(2, error("x[30m1h]").position());
    }

    @Test
    void reportsAMisplacedOffsetAtTheKeyword() {
        PromQlError error = error("sum(x) offset 5m");
        assertEquals(7, error.position());
        assertTrue(
                error.message().startsWith("offset must follow a vector selector"),
                error.message());
    }

    @Test
    void reportsScalarComparisonsWithoutBool() {
        assertEquals(
                new PromQlError(2, "comparisons between scalars must use the bool modifier"),
                error("1 > 2"));
    }

    @Test
    void reportsASelectorThatMatchesEverySeries() {
        assertEquals(
                new PromQlError(0, "vector selector must contain at least one non-empty matcher"),
                error("{job=~\".*\"}"));
    }

    @Test
    void reportsAnInvalidRegularExpressionAtItsString() {
        PromQlError error = error("x{job=~\"(?=a)\"}");
        assertEquals(7, error.position());
        assertTrue(
                error.message().startsWith("invalid regular expression for label \"job\""),
                error.message());
    }

    @Test
    void reportsAnEmptyExpression() {
        assertEquals(
                new PromQlError(0, "no expression found in input"), error("  # only a comment"));
    }
}
