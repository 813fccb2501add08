package dev.vigil.monitoring.promql;

/**
 * PromQL string literals: Go-style escapes in single- and double-quoted strings (only the enclosing
 * quote may be escaped), none in backtick-quoted raw strings.
 */
final class StringLiterals {

    private StringLiterals() {}

    /**
     * Validates the escape sequence whose backslash is at {@code backslash} and returns the offset
     * just after it.
     *
     * @throws PromQlException for an unknown, unterminated or out-of-range escape
     */
    static int scanEscape(String input, int backslash, char quote) {
        int at = backslash + 1;
        if (at >= input.length()) {
            throw new PromQlException(backslash, "escape sequence not terminated");
        }
        char c = input.charAt(at);
        int digits;
        int base;
        int max;
        switch (c) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
                return at + 1;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                digits = 3;
                base = 8;
                max = 255;
            }
            case 'x' -> {
                at++;
                digits = 2;
                base = 16;
                max = 255;
            }
            case 'u' -> {
                at++;
                digits = 4;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case 'U' -> {
                at++;
                digits = 8;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            default -> {
                if (c == quote) {
                    return at + 1;
                }
                throw new PromQlException(backslash, "unknown escape sequence \"\\" + c + "\"");
            }
        }
        long value = 0;
        for (int i = 0; i < digits; i++, at++) {
            if (at >= input.length()) {
                throw new PromQlException(backslash, "escape sequence not terminated");
            }
            int d = Character.digit(input.charAt(at), base);
            if (d < 0) {
                throw new PromQlException(
                        backslash,
                        "illegal character \"" + input.charAt(at) + "\" in escape sequence");
            }
            value = value * base + d;
        }
        if (value > max || (value >= 0xD800 && value < 0xE000)) {
            throw new PromQlException(
                    backslash, "escape sequence is an invalid Unicode code point");
        }
        return at;
    }

    /**
     * The value of a string token already validated by the lexer (quotes included in {@code
     * token}).
     */
    static String unquote(String token) {
        String body = token.substring(1, token.length() - 1);
        if (token.charAt(0) == '`') {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            char e = body.charAt(i + 1);
            switch (e) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case 'x', 'u', 'U' -> {
                    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    out.appendCodePoint(Integer.parseInt(body.substring(i + 2, i + 2 + len), 16));
                    i += 2 + len;
                    continue;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 4), 8));
                    i += 4;
                    continue;
                }
                default -> out.append(e);
            }
            i += 2;
        }
        return out.toString();
    }
}
