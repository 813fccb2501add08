package dev.vigil.validation;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

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

    /**
     * Why a duration longer than {@link #MAX_NANOS} is refused: Kubernetes (CEL's {@code
     * duration()}) and Prometheus read durations into Go's, which hold at most 2^63 - 1
     * nanoseconds.
     */
    public static final String TOO_LONG =
            "is longer than a duration can be: at most 2562047h (about 292 years)";

    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private SpecDuration() {}

    /**
     * The duration {@code text} stands for.
     *
     * @throws IllegalArgumentException when {@code text} is not such a duration, or longer than
     *     Go's durations hold ({@link #TOO_LONG})
     */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "not a duration such as 30s, 1m30s or 500ms: " + text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            nanos =
                    nanos.add(
                            new BigDecimal(part.group(1))
                                    .multiply(
                                            BigDecimal.valueOf(
                                                    UNITS.get(part.group(2)).toNanos())));
            if (nanos.compareTo(MAX_NANOS) > 0) {
                throw new IllegalArgumentException(TOO_LONG);
            }
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
