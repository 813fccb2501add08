package dev.vigil.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration as the CRD schema writes them, in the Go and Prometheus style: {@code 30s},
 * {@code 1m30s}, {@code 1.5h}, {@code 500ms}.
 */
public final class SpecDuration {

    private static final Pattern WHOLE = Pattern.compile("([0-9]+(\\.[0-9]+)?(ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");
    private static final Map<String, Duration> UNITS =
            Map.of(
                    "ms", Duration.ofMillis(1),
                    "s", Duration.ofSeconds(1),
                    "m", Duration.ofMinutes(1),
                    "h", Duration.ofHours(1));

    private SpecDuration() {}

    /**
     * The duration {@code text} stands for.
     *
     * @throws IllegalArgumentException when {@code text} is not such a duration
     */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "not a duration such as 30s, 1m30s or 500ms: " + text);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            BigDecimal nanos =
                    new BigDecimal(part.group(1))
                            .multiply(BigDecimal.valueOf(UNITS.get(part.group(2)).toNanos()));
            total = total.plusNanos(nanos.longValue());
        }
        return total;
    }
}
