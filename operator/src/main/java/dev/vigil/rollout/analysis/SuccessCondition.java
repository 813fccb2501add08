package dev.vigil.rollout.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

/**
 * The success condition of an analysis: what a measured value must meet, in a small language kept
 * close to Argo Rollouts' conditions.
 *
 * <pre>
 * condition  = or
 * or         = and { "||" and }
 * and        = term { "&amp;&amp;" term }
 * term       = "(" or ")" | "isNaN(result)" | operand op operand
 * operand    = "result" | number        (one side of a comparison is result)
 * op         = "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!="
 * number     = [+-] digits [. digits] [e [+-] digits]
 * </pre>
 *
 * <p>For example {@code result < 0.05}, {@code result <= 2}, {@code isNaN(result) || result < 1}.
 * Every comparison with NaN is false, {@code !=} included: a NaN (0/0 when nothing happened) fails
 * a condition that does not allow it with {@code isNaN(result)}.
 */
public final class SuccessCondition {

    private final String text;
    private final DoublePredicate predicate;

    private SuccessCondition(String text, DoublePredicate predicate) {
        this.text = text;
        this.predicate = predicate;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    public static SuccessCondition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; write e.g. 'result < 0.05'");
        }
        Parser parser = new Parser(tokenize(text));
        DoublePredicate predicate = parser.or();
        if (!parser.atEnd()) {
            throw new IllegalArgumentException(
                    "unexpected '" + parser.peek() + "' after a complete condition");
        }
        return new SuccessCondition(text, predicate);
    }

    /** Whether {@code result} meets the condition. */
    public boolean test(double result) {
        return predicate.test(result);
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("&&", i)
                    || text.startsWith("||", i)
                    || text.startsWith("<=", i)
                    || text.startsWith(">=", i)
                    || text.startsWith("==", i)
                    || text.startsWith("!=", i)) {
                tokens.add(text.substring(i, i + 2));
                i += 2;
            } else if (c == '<' || c == '>' || c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            } else if (Character.isDigit(c) || c == '.' || c == '+' || c == '-') {
                int start = i;
                i++;
                while (i < text.length() && isNumberPart(text, i)) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            } else {
                throw new IllegalArgumentException(
                        "unexpected character '" + c + "' at position " + (i + 1));
            }
        }
        return tokens;
    }

    private static boolean isNumberPart(String text, int i) {
        char c = text.charAt(i);
        if (Character.isDigit(c) || c == '.' || c == 'e' || c == 'E') {
            return true;
        }
        char previous = text.charAt(i - 1);
        return (c == '+' || c == '-') && (previous == 'e' || previous == 'E');
    }

    private static final class Parser {

        private final List<String> tokens;
        private int position;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return position == tokens.size();
        }

        String peek() {
            return atEnd() ? "end of condition" : tokens.get(position);
        }

        private boolean accept(String token) {
            if (!atEnd() && tokens.get(position).equals(token)) {
                position++;
                return true;
            }
            return false;
        }

        private String next(String expected) {
            if (atEnd()) {
                throw new IllegalArgumentException("ends where " + expected + " was expected");
            }
            return tokens.get(position++);
        }

        DoublePredicate or() {
            DoublePredicate left = and();
            while (accept("||")) {
                left = left.or(and());
            }
            return left;
        }

        DoublePredicate and() {
            DoublePredicate left = term();
            while (accept("&&")) {
                left = left.and(term());
            }
            return left;
        }

        DoublePredicate term() {
            if (accept("(")) {
                DoublePredicate inner = or();
                if (!accept(")")) {
                    throw new IllegalArgumentException("expected ')' but found '" + peek() + "'");
                }
                return inner;
            }
            if (accept("isNaN")) {
                if (!accept("(") || !accept("result") || !accept(")")) {
                    throw new IllegalArgumentException("isNaN takes result: write isNaN(result)");
                }
                return Double::isNaN;
            }
            String left = next("'result' or a number");
            String operator = next("a comparison (<, <=, >, >=, ==, !=)");
            String right = next("'result' or a number");
            boolean resultLeft = "result".equals(left);
            boolean resultRight = "result".equals(right);
            if (resultLeft == resultRight) {
                throw new IllegalArgumentException(
                        "'"
                                + left
                                + " "
                                + operator
                                + " "
                                + right
                                + "' must compare result with a number");
            }
            double number = number(resultLeft ? right : left);
            Comparison comparison = Comparison.of(operator);
            return resultLeft
                    ? value -> comparison.holds(value, number)
                    : value -> comparison.holds(number, value);
        }

        private static double number(String token) {
            try {
                double value = Double.parseDouble(token);
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + token + "' is not 'result' or a number");
            }
        }
    }

    private enum Comparison {
        LESS,
        LESS_OR_EQUAL,
        GREATER,
        GREATER_OR_EQUAL,
        EQUAL,
        NOT_EQUAL;

        static Comparison of(String operator) {
            return switch (operator) {
                case "<" -> LESS;
                case "<=" -> LESS_OR_EQUAL;
                case ">" -> GREATER;
                case ">=" -> GREATER_OR_EQUAL;
                case "==" -> EQUAL;
                case "!=" -> NOT_EQUAL;
                default ->
                        throw new IllegalArgumentException(
                                "'"
                                        + operator
                                        + "' is not a comparison: use <, <=, >, >=, == or !=");
            };
        }

        /** Every comparison with NaN is false, even !=, so NaN passes only through isNaN. */
        boolean holds(double left, double right) {
            if (Double.isNaN(left) || Double.isNaN(right)) {
                return false;
            }
            return switch (this) {
                case LESS -> left < right;
                case LESS_OR_EQUAL -> left <= right;
                case GREATER -> left > right;
                case GREATER_OR_EQUAL -> left >= right;
                case EQUAL -> left == right;
                case NOT_EQUAL -> left != right;
            };
        }
    }
}
