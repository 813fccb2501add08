package dev.vigil.monitoring.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a PromQL expression into tokens the way the Prometheus 2.42 lexer does: keywords are
 * case-insensitive, label matchers inside braces have their own rules, durations are only
 * recognised as a number directly followed by a unit, and {@code #} starts a comment to the end of
 * the line.
 *
 * <p>The token list ends with {@link TokenType#EOF}, or with an {@link TokenType#ERROR} token
 * carrying the first lexical error; the parser reports that error when it reaches it.
 */
final class PromQlLexer {

    private static final Map<String, TokenType> KEYWORDS =
            Map.ofEntries(
                    Map.entry("and", TokenType.LAND),
                    Map.entry("or", TokenType.LOR),
                    Map.entry("unless", TokenType.LUNLESS),
                    Map.entry("atan2", TokenType.ATAN2),
                    Map.entry("sum", TokenType.SUM),
                    Map.entry("avg", TokenType.AVG),
                    Map.entry("count", TokenType.COUNT),
                    Map.entry("min", TokenType.MIN),
                    Map.entry("max", TokenType.MAX),
                    Map.entry("group", TokenType.GROUP),
                    Map.entry("stddev", TokenType.STDDEV),
                    Map.entry("stdvar", TokenType.STDVAR),
                    Map.entry("topk", TokenType.TOPK),
                    Map.entry("bottomk", TokenType.BOTTOMK),
                    Map.entry("count_values", TokenType.COUNT_VALUES),
                    Map.entry("quantile", TokenType.QUANTILE),
                    Map.entry("offset", TokenType.OFFSET),
                    Map.entry("by", TokenType.BY),
                    Map.entry("without", TokenType.WITHOUT),
                    Map.entry("on", TokenType.ON),
                    Map.entry("ignoring", TokenType.IGNORING),
                    Map.entry("group_left", TokenType.GROUP_LEFT),
                    Map.entry("group_right", TokenType.GROUP_RIGHT),
                    Map.entry("bool", TokenType.BOOL),
                    Map.entry("start", TokenType.START),
                    Map.entry("end", TokenType.END),
                    Map.entry("inf", TokenType.NUMBER),
                    Map.entry("nan", TokenType.NUMBER));

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int parenDepth;
    private boolean braceOpen;
    private boolean bracketOpen;
    private boolean gotColon;

    private PromQlLexer(String input) {
        this.input = input;
    }

    /** The tokens of {@code input}, ending with EOF or with the first lexical error. */
    static List<Token> tokenize(String input) {
        PromQlLexer lexer = new PromQlLexer(input);
        try {
            lexer.run();
        } catch (PromQlException e) {
            lexer.tokens.add(new Token(TokenType.ERROR, e.getMessage(), e.position()));
        }
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            if (braceOpen) {
                lexInsideBraces();
                continue;
            }
            if (pos >= input.length()) {
                if (parenDepth != 0) {
                    throw new PromQlException(pos, "unclosed left parenthesis");
                }
                if (bracketOpen) {
                    throw new PromQlException(pos, "unclosed left bracket");
                }
                tokens.add(new Token(TokenType.EOF, "", pos));
                return;
            }
            lexStatement();
        }
    }

    private void lexStatement() {
        int start = pos;
        char c = input.charAt(pos);
        if (c == '#') {
            while (pos < input.length() && input.charAt(pos) != '\n') {
                pos++;
            }
            return;
        }
        if (isSpace(c)) {
            pos++;
            return;
        }
        if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            lexNumberOrDuration();
            return;
        }
        if (c == '"' || c == '\'') {
            lexString(c);
            return;
        }
        if (c == '`') {
            lexRawString();
            return;
        }
        if (isAlpha(c) || c == ':') {
            if (!bracketOpen) {
                lexKeywordOrIdentifier();
                return;
            }
            if (c == ':' && !gotColon) {
                gotColon = true;
                emit(TokenType.COLON, start, start + 1);
                return;
            }
            throw new PromQlException(
                    start,
                    "unexpected character "
                            + quote(c)
                            + " inside brackets, expected \":\" or a duration");
        }
        switch (c) {
            case ',' -> emit(TokenType.COMMA, start, start + 1);
            case '*' -> emit(TokenType.MUL, start, start + 1);
            case '/' -> emit(TokenType.DIV, start, start + 1);
            case '%' -> emit(TokenType.MOD, start, start + 1);
            case '+' -> emit(TokenType.ADD, start, start + 1);
            case '-' -> emit(TokenType.SUB, start, start + 1);
            case '^' -> emit(TokenType.POW, start, start + 1);
            case '@' -> emit(TokenType.AT, start, start + 1);
            case '=' -> {
                if (peek(1) == '=') {
                    emit(TokenType.EQLC, start, start + 2);
                } else if (peek(1) == '~') {
                    throw new PromQlException(
                            start, "unexpected \"=~\" outside of a label matcher");
                } else {
                    emit(TokenType.EQL, start, start + 1);
                }
            }
            case '!' -> {
                if (peek(1) != '=') {
                    throw new PromQlException(
                            start, "unexpected character after \"!\", expected \"!=\"");
                }
                emit(TokenType.NEQ, start, start + 2);
            }
            case '<' ->
                    emit(
                            peek(1) == '=' ? TokenType.LTE : TokenType.LSS,
                            start,
                            start + (peek(1) == '=' ? 2 : 1));
            case '>' ->
                    emit(
                            peek(1) == '=' ? TokenType.GTE : TokenType.GTR,
                            start,
                            start + (peek(1) == '=' ? 2 : 1));
            case '(' -> {
                emit(TokenType.LEFT_PAREN, start, start + 1);
                parenDepth++;
            }
            case ')' -> {
                if (parenDepth == 0) {
                    throw new PromQlException(start, "unexpected right parenthesis \")\"");
                }
                parenDepth--;
                emit(TokenType.RIGHT_PAREN, start, start + 1);
            }
            case '{' -> {
                braceOpen = true;
                emit(TokenType.LEFT_BRACE, start, start + 1);
            }
            case '[' -> {
                if (bracketOpen) {
                    throw new PromQlException(start, "unexpected left bracket \"[\"");
                }
                bracketOpen = true;
                gotColon = false;
                emit(TokenType.LEFT_BRACKET, start, start + 1);
            }
            case ']' -> {
                if (!bracketOpen) {
                    throw new PromQlException(start, "unexpected right bracket \"]\"");
                }
                bracketOpen = false;
                emit(TokenType.RIGHT_BRACKET, start, start + 1);
            }
            default -> throw new PromQlException(start, "unexpected character " + quote(c));
        }
    }

    private void lexInsideBraces() {
        int start = pos;
        if (pos >= input.length()) {
            throw new PromQlException(pos, "unexpected end of input inside braces");
        }
        char c = input.charAt(pos);
        if (isSpace(c)) {
            pos++;
            return;
        }
        if (isAlpha(c)) {
            int end = pos;
            while (end < input.length() && isAlphaNumeric(input.charAt(end))) {
                end++;
            }
            emit(TokenType.IDENTIFIER, start, end);
            return;
        }
        switch (c) {
            case ',' -> emit(TokenType.COMMA, start, start + 1);
            case '"', '\'' -> lexString(c);
            case '`' -> lexRawString();
            case '=' -> {
                if (peek(1) == '~') {
                    emit(TokenType.EQL_REGEX, start, start + 2);
                } else {
                    emit(TokenType.EQL, start, start + 1);
                }
            }
            case '!' -> {
                char next = peek(1);
                if (next == '~') {
                    emit(TokenType.NEQ_REGEX, start, start + 2);
                } else if (next == '=') {
                    emit(TokenType.NEQ, start, start + 2);
                } else {
                    throw new PromQlException(
                            start,
                            "unexpected character after \"!\" inside braces, expected \"!=\" or"
                                    + " \"!~\"");
                }
            }
            case '}' -> {
                braceOpen = false;
                emit(TokenType.RIGHT_BRACE, start, start + 1);
            }
            case '{' ->
                    throw new PromQlException(start, "unexpected left brace \"{\" inside braces");
            default ->
                    throw new PromQlException(
                            start, "unexpected character " + quote(c) + " inside braces");
        }
    }

    /** A number (decimal, hex, with fraction and exponent) or, when a unit follows, a duration. */
    private void lexNumberOrDuration() {
        int start = pos;
        String digits = "0123456789";
        if (accept("0") && accept("xX")) {
            digits = "0123456789abcdefABCDEF";
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (accept("eE")) {
            accept("+-");
            acceptRun("0123456789");
        }
        if (!isAlphaNumeric(peek(0))) {
            emit(TokenType.NUMBER, start, pos);
            return;
        }
        if (acceptRemainingDuration()) {
            emit(TokenType.DURATION, start, pos);
            return;
        }
        throw new PromQlException(
                start,
                "bad number or duration syntax: \""
                        + input.substring(start, Math.min(pos + 1, input.length()))
                        + "\"");
    }

    private boolean acceptRemainingDuration() {
        if (!accept("smhdwy")) {
            return false;
        }
        accept("s");
        while (accept("0123456789")) {
            acceptRun("0123456789");
            if (!accept("smhdw")) {
                return false;
            }
            accept("s");
        }
        return !isAlphaNumeric(peek(0));
    }

    private void lexKeywordOrIdentifier() {
        int start = pos;
        while (pos < input.length()
                && (isAlphaNumeric(input.charAt(pos)) || input.charAt(pos) == ':')) {
            pos++;
        }
        String word = input.substring(start, pos);
        TokenType keyword = KEYWORDS.get(word.toLowerCase(Locale.ROOT));
        if (keyword != null) {
            tokens.add(new Token(keyword, word, start));
        } else {
            tokens.add(
                    new Token(
                            word.indexOf(':') >= 0
                                    ? TokenType.METRIC_IDENTIFIER
                                    : TokenType.IDENTIFIER,
                            word,
                            start));
        }
    }

    /** A single- or double-quoted string; escapes are validated as Prometheus does. */
    private void lexString(char quote) {
        int start = pos;
        pos++;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new PromQlException(start, "unterminated quoted string");
            }
            char c = input.charAt(pos);
            if (c == '\\') {
                pos = StringLiterals.scanEscape(input, pos, quote);
                continue;
            }
            pos++;
            if (c == quote) {
                emit(TokenType.STRING, start, pos);
                return;
            }
        }
    }

    private void lexRawString() {
        int start = pos;
        int close = input.indexOf('`', pos + 1);
        if (close < 0) {
            throw new PromQlException(start, "unterminated raw string");
        }
        emit(TokenType.STRING, start, close + 1);
    }

    private void emit(TokenType type, int start, int end) {
        tokens.add(new Token(type, input.substring(start, end), start));
        pos = end;
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < input.length() ? input.charAt(at) : '\0';
    }

    private boolean accept(String valid) {
        if (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // consume
        }
    }

    private static String quote(char c) {
        return "\"" + c + "\"";
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAlphaNumeric(char c) {
        return isAlpha(c) || isDigit(c);
    }
}
