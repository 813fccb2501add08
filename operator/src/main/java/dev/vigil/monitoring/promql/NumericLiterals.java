package dev.vigil.monitoring.promql;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Number and duration literals as Prometheus 2.42 reads them: integers (decimal, octal with a
 * leading 0, hex with 0x) first, then floats, {@code Inf} and {@code NaN} in any case; durations
 * are unit-suffixed integers in the order y, w, d, h, m, s, ms and must be greater than zero.
 */
final class NumericLiterals {

    private static final Pattern DURATION =
            Pattern.compile(
                    "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600 * 1000,
        7L * 24 * 3600 * 1000,
        24L * 3600 * 1000,
        3600L * 1000,
        60L * 1000,
        1000L,
        1L
    };
    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final BigInteger MAX_DURATION_MILLIS =
            BigInteger.valueOf(Long.MAX_VALUE / 1_000_000);

    private NumericLiterals() {}

    /**
     * The value of a NUMBER token.
     *
     * @throws PromQlException when it is not a valid number or is out of the float64 range
     */
    static double parseNumber(Token token) {
        String text = token.text();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (lower.startsWith("0x")) {
            if (lower.length() > 2
                    && lower.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                BigInteger value = new BigInteger(lower.substring(2), 16);
                if (value.bitLength() < 64) {
                    return value.doubleValue();
                }
            }
            throw invalid(token, "invalid syntax");
        }
        if (!DECIMAL_FLOAT.matcher(text).matches()) {
            throw invalid(token, "invalid syntax");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw invalid(token, "value out of range");
        }
        return value;
    }

    /**
     * The length in milliseconds of a DURATION token.
     *
     * @throws PromQlException when the units are out of order, repeated, zero in total or too large
     */
    static long parseDuration(Token token) {
        Matcher m = DURATION.matcher(token.text());
        if (token.text().isEmpty() || !m.matches()) {
            throw new PromQlException(
                    token.position(),
                    "not a valid duration string: \""
                            + token.text()
                            + "\" (units go y, w, d, h, m, s, ms)");
        }
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            if (m.group(i + 1) != null) {
                total =
                        total.add(
                                new BigInteger(m.group(i + 1))
                                        .multiply(BigInteger.valueOf(UNIT_MILLIS[i])));
            }
        }
        if (total.compareTo(MAX_DURATION_MILLIS) > 0) {
            throw new PromQlException(
                    token.position(), "duration out of range: \"" + token.text() + "\"");
        }
        if (total.signum() == 0) {
            throw new PromQlException(token.position(), "duration must be greater than 0");
        }
        return total.longValue();
    }

    private static PromQlException invalid(Token token, String why) {
        return new PromQlException(
                token.position(), "error parsing number \"" + token.text() + "\": " + why);
    }
}
