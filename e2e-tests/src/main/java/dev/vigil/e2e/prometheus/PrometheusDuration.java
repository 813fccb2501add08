package dev.vigil.e2e.prometheus;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus's duration syntax, as prometheus-operator's {@code Duration} type and Prometheus's
 * configuration write it: whole numbers with units from years down to milliseconds, largest first
 * ({@code 30s}, {@code 1m30s}, {@code 500ms}, {@code 1d}), or {@code 0}.
 */
final class PrometheusDuration {

    private static final Pattern WHOLE =
            Pattern.compile(
                    "0|([0-9]+y)?([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|y|w|d|h|m|s)");
    private static final Map<String, Duration> UNITS =
            Map.of(
                    "y", Duration.ofDays(365),
                    "w", Duration.ofDays(7),
                    "d", Duration.ofDays(1),
                    "h", Duration.ofHours(1),
                    "m", Duration.ofMinutes(1),
                    "s", Duration.ofSeconds(1),
                    "ms", Duration.ofMillis(1));

    private PrometheusDuration() {}

    /**
     * The duration {@code text} stands for.
     *
     * @throws IllegalArgumentException when {@code text} is empty or not in Prometheus's syntax
     */
    static Duration parse(String text) {
        if (text == null || text.isEmpty() || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "not a Prometheus duration such as 30s, 1m30s or 500ms: " + text);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            total =
                    total.plus(
                            UNITS.get(part.group(2)).multipliedBy(Long.parseLong(part.group(1))));
        }
        return total;
    }

    /**
     * {@code duration} in Prometheus's syntax, hours and smaller units ({@code 1h30m}, {@code 1s}).
     */
    static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a negative duration: " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toHours(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
