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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A precedence-climbing parser for the PromQL grammar of Prometheus 2.42 ({@code
 * promql/parser/generated_parser.y}), including the checks Prometheus makes while parsing: known
 * functions, aggregation arity, where offset and {@code @} may go, ranges only on selectors, valid
 * numbers, durations, strings and regular expressions.
 *
 * <p>Binary operators, loosest first: {@code or}; {@code and unless}; comparisons; {@code + -};
 * {@code * / % atan2}; {@code ^} (right-associative). Unary minus binds like {@code *}, so {@code
 * -a ^ b} is {@code -(a ^ b)}. Range brackets, {@code offset} and {@code @} bind tighter than any
 * operator and attach to the term just before them.
 */
final class PromQlParser {

    private static final int UNARY_OPERAND_PRECEDENCE = TokenType.POW.binaryPrecedence();
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final double MAX_TIMESTAMP = 9.223372036854775807E18;

    private final List<Token> tokens;
    private int next;

    private PromQlParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * The syntax tree of {@code input}.
     *
     * @throws PromQlException at the first syntax error
     */
    static Expr parse(String input) {
        PromQlParser parser = new PromQlParser(PromQlLexer.tokenize(input));
        if (parser.peek().type() == TokenType.EOF) {
            throw new PromQlException(0, "no expression found in input");
        }
        Expr expr = parser.expression(0);
        Token last = parser.peek();
        if (last.type() != TokenType.EOF) {
            throw parser.unexpected(last, "expected an operator or the end of the expression");
        }
        return expr;
    }

    private Expr expression(int minPrecedence) {
        Expr left = unary();
        while (true) {
            Token op = peek();
            int precedence = op.type().binaryPrecedence();
            if (precedence < 0 || precedence < minPrecedence) {
                return left;
            }
            advance();
            VectorMatching matching = binaryModifiers();
            int rhsMinimum = op.type() == TokenType.POW ? precedence : precedence + 1;
            Expr right = expression(rhsMinimum);
            left = new Binary(left.position(), op, left, right, matching);
        }
    }

    private Expr unary() {
        Token sign = peek();
        if (sign.type() != TokenType.ADD && sign.type() != TokenType.SUB) {
            return postfix(primary());
        }
        advance();
        Expr operand = expression(UNARY_OPERAND_PRECEDENCE);
        if (operand instanceof NumberLiteral) {
            return new NumberLiteral(sign.position());
        }
        return new Unary(sign.position(), operand);
    }

    private Expr primary() {
        Token token = peek();
        TokenType type = token.type();
        switch (type) {
            case NUMBER -> {
                advance();
                NumericLiterals.parseNumber(token);
                return new NumberLiteral(token.position());
            }
            case STRING -> {
                advance();
                return new StringLiteral(token.position());
            }
            case LEFT_PAREN -> {
                advance();
                Expr inner = expression(0);
                expect(
                        TokenType.RIGHT_PAREN,
                        "expected \")\" to close the \"(\" at " + token.position());
                return new Paren(token.position(), inner);
            }
            case LEFT_BRACE -> {
                return new VectorSelector(token.position(), null, labelMatchers(), false, false);
            }
            case IDENTIFIER -> {
                if (peekAhead(1).type() == TokenType.LEFT_PAREN) {
                    return functionCall();
                }
                return metricSelector();
            }
            default -> {
                if (type.isAggregator()) {
                    TokenType after = peekAhead(1).type();
                    if (after == TokenType.LEFT_PAREN
                            || after == TokenType.BY
                            || after == TokenType.WITHOUT) {
                        return aggregation();
                    }
                }
                if (type.canNameMetric()) {
                    return metricSelector();
                }
                throw unexpected(token, "expected an expression");
            }
        }
    }

    private VectorSelector metricSelector() {
        Token name = advance();
        List<LabelMatcher> matchers =
                peek().type() == TokenType.LEFT_BRACE ? labelMatchers() : List.of();
        return new VectorSelector(name.position(), name.text(), matchers, false, false);
    }

    private List<LabelMatcher> labelMatchers() {
        advance();
        List<LabelMatcher> matchers = new ArrayList<>();
        while (peek().type() != TokenType.RIGHT_BRACE) {
            matchers.add(labelMatcher());
            Token separator = peek();
            if (separator.type() == TokenType.COMMA) {
                advance();
            } else if (separator.type() != TokenType.RIGHT_BRACE) {
                throw unexpected(separator, "expected \",\" or \"}\" in label matchers");
            }
        }
        advance();
        return matchers;
    }

    private LabelMatcher labelMatcher() {
        Token label = peek();
        if (label.type() != TokenType.IDENTIFIER) {
            throw unexpected(label, "expected a label name or \"}\" in label matchers");
        }
        advance();
        Token op = peek();
        if (op.type() != TokenType.EQL
                && op.type() != TokenType.NEQ
                && op.type() != TokenType.EQL_REGEX
                && op.type() != TokenType.NEQ_REGEX) {
            throw unexpected(
                    op, "expected one of =, !=, =~, !~ after label \"" + label.text() + "\"");
        }
        advance();
        Token value = peek();
        if (value.type() != TokenType.STRING) {
            throw unexpected(
                    value,
                    "expected a quoted string as the value of label \"" + label.text() + "\"");
        }
        advance();
        String unquoted = StringLiterals.unquote(value.text());
        Pattern regex = null;
        if (op.type() == TokenType.EQL_REGEX || op.type() == TokenType.NEQ_REGEX) {
            try {
                regex = Re2Regex.compile(unquoted);
            } catch (IllegalArgumentException e) {
                throw new PromQlException(
                        value.position(),
                        "invalid regular expression for label \""
                                + label.text()
                                + "\": "
                                + e.getMessage());
            }
        }
        return new LabelMatcher(label.text(), op.type(), unquoted, regex);
    }

    private Expr functionCall() {
        Token name = advance();
        PromQlFunction function =
                PromQlFunctions.lookup(name.text())
                        .orElseThrow(
                                () ->
                                        new PromQlException(
                                                name.position(),
                                                "unknown function \"" + name.text() + "\""));
        return new Call(name.position(), function, arguments());
    }

    private Expr aggregation() {
        Token op = advance();
        boolean grouped = false;
        if (peek().type() == TokenType.BY || peek().type() == TokenType.WITHOUT) {
            advance();
            groupingLabels();
            grouped = true;
        }
        Token open = peek();
        List<Expr> args = arguments();
        if (!grouped && (peek().type() == TokenType.BY || peek().type() == TokenType.WITHOUT)) {
            advance();
            groupingLabels();
        }
        String name = op.type().description();
        if (args.isEmpty()) {
            throw new PromQlException(open.position(), "no arguments for aggregation " + name);
        }
        int wanted = op.type().isAggregatorWithParam() ? 2 : 1;
        if (args.size() != wanted) {
            throw new PromQlException(
                    op.position(),
                    "wrong number of arguments for aggregation "
                            + name
                            + ": expected "
                            + wanted
                            + ", got "
                            + args.size());
        }
        Expr param = wanted == 2 ? args.get(0) : null;
        return new Aggregation(op.position(), op.type(), param, args.get(wanted - 1));
    }

    /** {@code ( [expr {, expr}] )}; a trailing comma is an error. */
    private List<Expr> arguments() {
        expect(TokenType.LEFT_PAREN, "expected \"(\"");
        List<Expr> args = new ArrayList<>();
        if (peek().type() == TokenType.RIGHT_PAREN) {
            advance();
            return args;
        }
        args.add(expression(0));
        while (peek().type() == TokenType.COMMA) {
            Token comma = advance();
            if (peek().type() == TokenType.RIGHT_PAREN) {
                throw new PromQlException(
                        comma.position(), "trailing commas not allowed in function call args");
            }
            args.add(expression(0));
        }
        expect(TokenType.RIGHT_PAREN, "expected \",\" or \")\" in argument list");
        return args;
    }

    /**
     * {@code ( [label {, label}] [,] )} after by, without, on, ignoring, group_left, group_right.
     */
    private List<String> groupingLabels() {
        expect(TokenType.LEFT_PAREN, "expected \"(\" to start a label list");
        List<String> labels = new ArrayList<>();
        while (peek().type() != TokenType.RIGHT_PAREN) {
            Token label = peek();
            if (!label.type().canNameLabel() || !LABEL_NAME.matcher(label.text()).matches()) {
                throw unexpected(label, "expected a label name in the label list");
            }
            advance();
            labels.add(label.text());
            Token separator = peek();
            if (separator.type() == TokenType.COMMA) {
                advance();
            } else if (separator.type() != TokenType.RIGHT_PAREN) {
                throw unexpected(separator, "expected \",\" or \")\" in the label list");
            }
        }
        advance();
        return labels;
    }

    /** {@code [bool] [on|ignoring (labels) [group_left|group_right [(labels)]]]}. */
    private VectorMatching binaryModifiers() {
        boolean returnBool = accept(TokenType.BOOL);
        boolean on = false;
        List<String> matching = List.of();
        TokenType grouping = null;
        List<String> include = List.of();
        if (peek().type() == TokenType.ON || peek().type() == TokenType.IGNORING) {
            on = advance().type() == TokenType.ON;
            matching = groupingLabels();
            if (peek().type() == TokenType.GROUP_LEFT || peek().type() == TokenType.GROUP_RIGHT) {
                grouping = advance().type();
                if (peek().type() == TokenType.LEFT_PAREN) {
                    include = groupingLabels();
                }
            }
        }
        return new VectorMatching(returnBool, on, matching, grouping, include);
    }

    /** Range and subquery brackets, offset and @ modifiers after a term. */
    private Expr postfix(Expr expr) {
        while (true) {
            switch (peek().type()) {
                case LEFT_BRACKET -> expr = rangeOrSubquery(expr);
                case OFFSET -> expr = offset(expr);
                case AT -> expr = at(expr);
                default -> {
                    return expr;
                }
            }
        }
    }

    private Expr rangeOrSubquery(Expr expr) {
        Token open = advance();
        duration("a range or subquery duration");
        if (accept(TokenType.COLON)) {
            if (peek().type() == TokenType.DURATION) {
                duration("a subquery step");
            }
            expect(TokenType.RIGHT_BRACKET, "expected \"]\" to close the subquery");
            return new Subquery(expr.position(), expr, false, false);
        }
        expect(TokenType.RIGHT_BRACKET, "expected \":\" or \"]\" in the range or subquery");
        if (!(expr instanceof VectorSelector selector)) {
            throw new PromQlException(open.position(), "ranges only allowed for vector selectors");
        }
        if (selector.hasOffset()) {
            throw new PromQlException(open.position(), "no offset modifiers allowed before range");
        }
        if (selector.hasAt()) {
            throw new PromQlException(open.position(), "no @ modifiers allowed before range");
        }
        return new MatrixSelector(expr.position(), selector);
    }

    private Expr offset(Expr expr) {
        Token keyword = advance();
        accept(TokenType.SUB);
        duration("an offset duration");
        String misplaced =
                "offset must follow a vector selector, a range vector selector or a subquery";
        String twice = "offset may not be set multiple times";
        if (expr instanceof VectorSelector vs) {
            require(!vs.hasOffset(), keyword, twice);
            return vs.withOffset();
        }
        if (expr instanceof MatrixSelector ms) {
            require(!ms.selector().hasOffset(), keyword, twice);
            return new MatrixSelector(ms.position(), ms.selector().withOffset());
        }
        if (expr instanceof Subquery sq) {
            require(!sq.hasOffset(), keyword, twice);
            return new Subquery(sq.position(), sq.expr(), true, sq.hasAt());
        }
        throw new PromQlException(keyword.position(), misplaced);
    }

    private Expr at(Expr expr) {
        Token at = advance();
        Token value = peek();
        if (value.type() == TokenType.START || value.type() == TokenType.END) {
            advance();
            expect(TokenType.LEFT_PAREN, "expected \"(\" after " + value.type().description());
            expect(
                    TokenType.RIGHT_PAREN,
                    "expected \")\" after " + value.type().description() + "(");
        } else {
            boolean negative = accept(TokenType.SUB);
            if (!negative) {
                accept(TokenType.ADD);
            }
            Token number = peek();
            if (number.type() != TokenType.NUMBER) {
                throw unexpected(number, "expected a timestamp, start() or end() after @");
            }
            advance();
            double seconds = NumericLiterals.parseNumber(number);
            if (Double.isNaN(seconds) || Math.abs(seconds) >= MAX_TIMESTAMP) {
                throw new PromQlException(
                        number.position(),
                        "timestamp out of bounds for @ modifier: " + number.text());
            }
        }
        String twice = "@ <timestamp> may not be set multiple times";
        if (expr instanceof VectorSelector vs) {
            require(!vs.hasAt(), at, twice);
            return vs.withAt();
        }
        if (expr instanceof MatrixSelector ms) {
            require(!ms.selector().hasAt(), at, twice);
            return new MatrixSelector(ms.position(), ms.selector().withAt());
        }
        if (expr instanceof Subquery sq) {
            require(!sq.hasAt(), at, twice);
            return new Subquery(sq.position(), sq.expr(), sq.hasOffset(), true);
        }
        throw new PromQlException(
                at.position(),
                "@ modifier must follow a vector selector, a range vector selector or a subquery");
    }

    private void duration(String what) {
        Token token = peek();
        if (token.type() != TokenType.DURATION) {
            throw unexpected(token, "expected " + what + " such as 5m or 1h30m");
        }
        advance();
        NumericLiterals.parseDuration(token);
    }

    private static void require(boolean condition, Token at, String message) {
        if (!condition) {
            throw new PromQlException(at.position(), message);
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peekAhead(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token token = peek();
        if (token.type() == TokenType.ERROR) {
            throw new PromQlException(token.position(), token.text());
        }
        if (token.type() != TokenType.EOF) {
            next++;
        }
        return token;
    }

    private boolean accept(TokenType type) {
        if (peek().type() == type) {
            advance();
            return true;
        }
        return false;
    }

    private void expect(TokenType type, String expectation) {
        Token token = peek();
        if (token.type() != type) {
            throw unexpected(token, expectation);
        }
        advance();
    }

    /** The error for {@code token} where something else was needed; lexical errors win. */
    private PromQlException unexpected(Token token, String expectation) {
        if (token.type() == TokenType.ERROR) {
            return new PromQlException(token.position(), token.text());
        }
        return new PromQlException(
                token.position(),
                "unexpected " + token.describe() + " at " + token.position() + ": " + expectation);
    }
}
