package dev.vigil.monitoring.promql;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the RE2 (Go {@code regexp}) syntax Prometheus uses for {@code =~} and {@code !~}
 * matchers into an equivalent, fully anchored {@link Pattern}, rejecting what RE2 rejects
 * (look-around, back-references, possessive quantifiers, repeat counts above 1000, unknown
 * escapes) and accepting what RE2 accepts but Java does not ({@code (?P<name>...)}, a literal
 * {@code {}, POSIX classes like {@code [[:alpha:]]}).
 */
final class Re2Regex {

    private static final int MAX_REPEAT = 1000;
    private static final String GO_ESCAPE_LETTERS = "afnrtvxpPdDsSwWbBAzQ";
    private static final Map<String, String> POSIX_CLASSES =
            Map.ofEntries(
                    Map.entry("alnum", "\\p{Alnum}"),
                    Map.entry("alpha", "\\p{Alpha}"),
                    Map.entry("ascii", "\\p{ASCII}"),
                    Map.entry("blank", "\\p{Blank}"),
                    Map.entry("cntrl", "\\p{Cntrl}"),
                    Map.entry("digit", "\\p{Digit}"),
                    Map.entry("graph", "\\p{Graph}"),
                    Map.entry("lower", "\\p{Lower}"),
                    Map.entry("print", "\\p{Print}"),
                    Map.entry("punct", "\\p{Punct}"),
                    Map.entry("space", "\\s"),
                    Map.entry("upper", "\\p{Upper}"),
                    Map.entry("word", "\\w"),
                    Map.entry("xdigit", "\\p{XDigit}"));

    private final String re;
    private final StringBuilder out = new StringBuilder();
    private int pos;

    private Re2Regex(String re) {
        this.re = re;
    }

    /**
     * The anchored pattern for {@code re}.
     *
     * @throws IllegalArgumentException with RE2's reason when {@code re} is not valid RE2 syntax
     */
    static Pattern compile(String re) {
        Re2Regex translator = new Re2Regex(re);
        translator.translate();
        try {
            return Pattern.compile("^(?:" + translator.out + ")$");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription(), e);
        }
    }

    private void translate() {
        boolean afterQuantifier = false;
        while (pos < re.length()) {
            char c = re.charAt(pos);
            boolean quantifier = false;
            switch (c) {
                case '\\' -> escape(false);
                case '[' -> characterClass();
                case '(' -> group();
                case '*', '+', '?' -> {
                    if (afterQuantifier) {
                        throw new IllegalArgumentException(
                                "invalid nested repetition operator: `"
                                        + re.substring(pos - 1, pos + 1)
                                        + "`");
                    }
                    out.append(c);
                    pos++;
                    quantifier = true;
                    if (pos < re.length() && re.charAt(pos) == '?') {
                        out.append('?');
                        pos++;
                    }
                }
                case '{' -> quantifier = repeat();
                default -> {
                    out.append(c);
                    pos++;
                }
            }
            afterQuantifier = quantifier;
        }
    }

    /**
     * Translates {@code {n}}, {@code {n,}} and {@code {n,m}} and treats any other brace as a
     * literal.
     */
    private boolean repeat() {
        int close = re.indexOf('}', pos);
        String body = close < 0 ? "" : re.substring(pos + 1, close);
        if (!body.matches("\\d+(,\\d*)?")) {
            out.append("\\{");
            pos++;
            return false;
        }
        String[] bounds = body.split(",", -1);
        int min = parseCount(bounds[0]);
        int max = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : parseCount(bounds[1]);
        if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
            throw new IllegalArgumentException("invalid repeat count: `{" + body + "}`");
        }
        out.append(re, pos, close + 1);
        pos = close + 1;
        if (pos < re.length() && re.charAt(pos) == '?') {
            out.append('?');
            pos++;
        }
        return true;
    }

    private static int parseCount(String digits) {
        return digits.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private void group() {
        if (!re.startsWith("(?", pos)) {
            out.append('(');
            pos++;
            return;
        }
        if (re.startsWith("(?P<", pos)) {
            out.append("(?<");
            pos += 4;
            return;
        }
        int at = pos + 2;
        while (at < re.length() && "imsU-".indexOf(re.charAt(at)) >= 0) {
            at++;
        }
        if (at == pos + 2 || at >= re.length() || (re.charAt(at) != ')' && re.charAt(at) != ':')) {
            throw new IllegalArgumentException(
                    "invalid or unsupported Perl syntax: `"
                            + re.substring(pos, Math.min(at + 1, re.length()))
                            + "`");
        }
        // Java has no ungreedy flag; it does not change whether a full match exists.
        out.append(re.substring(pos, at).replace("U", "")).append(re.charAt(at));
        pos = at + 1;
    }

    private void characterClass() {
        out.append('[');
        pos++;
        if (pos < re.length() && re.charAt(pos) == '^') {
            out.append('^');
            pos++;
        }
        boolean first = true;
        while (pos < re.length()) {
            char c = re.charAt(pos);
            if (c == ']' && !first) {
                out.append(']');
                pos++;
                return;
            }
            first = false;
            if (c == '[' && re.startsWith("[:", pos)) {
                int end = re.indexOf(":]", pos + 2);
                String name = end < 0 ? null : re.substring(pos + 2, end);
                boolean negated = name != null && name.startsWith("^");
                String java =
                        name == null ? null : POSIX_CLASSES.get(negated ? name.substring(1) : name);
                if (java != null) {
                    out.append(
                            negated
                                    ? java.replace("\\p", "\\P")
                                            .replace("\\s", "\\S")
                                            .replace("\\w", "\\W")
                                    : java);
                    pos = end + 2;
                    continue;
                }
            }
            if (c == '\\') {
                escape(true);
            } else if (c == '[' || c == '&' || c == ']') {
                out.append('\\').append(c);
                pos++;
            } else {
                out.append(c);
                pos++;
            }
        }
        throw new IllegalArgumentException(
                "missing closing ]: `" + re.substring(re.lastIndexOf('[')) + "`");
    }

    private void escape(boolean inClass) {
        if (pos + 1 >= re.length()) {
            throw new IllegalArgumentException("trailing backslash at end of expression");
        }
        char c = re.charAt(pos + 1);
        if (c >= '1' && c <= '9') {
            if (c <= '7'
                    && pos + 2 < re.length()
                    && re.charAt(pos + 2) >= '0'
                    && re.charAt(pos + 2) <= '7') {
                octal(pos + 1);
                return;
            }
            throw new IllegalArgumentException("invalid escape sequence: `\\" + c + "`");
        }
        if (c == '0') {
            octal(pos + 1);
            return;
        }
        if (Character.isLetterOrDigit(c) || c == '_') {
            if (GO_ESCAPE_LETTERS.indexOf(c) < 0 || (inClass && "bBAzQ".indexOf(c) >= 0)) {
                throw new IllegalArgumentException("invalid escape sequence: `\\" + c + "`");
            }
            if (c == 'p' || c == 'P') {
                unicodeClass(c);
                return;
            }
            if (c == 'x' && pos + 2 < re.length() && re.charAt(pos + 2) == '{') {
                int end = re.indexOf('}', pos);
                if (end < 0) {
                    throw new IllegalArgumentException(
                            "invalid escape sequence: `" + re.substring(pos) + "`");
                }
                out.append(re, pos, end + 1);
                pos = end + 1;
                return;
            }
            if (c == 'Q') {
                int end = re.indexOf("\\E", pos + 2);
                String literal = end < 0 ? re.substring(pos + 2) : re.substring(pos + 2, end);
                out.append(Pattern.quote(literal));
                pos = end < 0 ? re.length() : end + 2;
                return;
            }
        }
        out.append('\\').append(c);
        pos += 2;
    }

    /** {@code \pL}, {@code \p{Greek}}, {@code \P{^Lu}}: Java needs the "Is" prefix for scripts. */
    private void unicodeClass(char p) {
        if (pos + 2 >= re.length()) {
            throw new IllegalArgumentException(
                    "invalid character class range: `" + re.substring(pos) + "`");
        }
        if (re.charAt(pos + 2) != '{') {
            out.append('\\').append(p).append(re.charAt(pos + 2));
            pos += 3;
            return;
        }
        int end = re.indexOf('}', pos);
        if (end < 0) {
            throw new IllegalArgumentException(
                    "invalid character class range: `" + re.substring(pos) + "`");
        }
        String name = re.substring(pos + 3, end);
        boolean negated = name.startsWith("^");
        if (negated) {
            name = name.substring(1);
        }
        char kind = negated == (p == 'p') ? 'P' : 'p';
        out.append('\\').append(kind).append("{Is").append(name).append('}');
        pos = end + 1;
    }

    private void octal(int firstDigit) {
        int end = firstDigit;
        while (end < re.length()
                && end < firstDigit + 3
                && re.charAt(end) >= '0'
                && re.charAt(end) <= '7') {
            end++;
        }
        int value = Integer.parseInt(re.substring(firstDigit, end), 8);
        out.append(String.format("\\x{%x}", value));
        pos = end;
    }
}
