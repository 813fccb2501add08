package dev.vigil.rollout;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times in status as Kubernetes writes them: RFC 3339 in UTC, to the second. */
final class Times {

    private Times() {}

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static Instant parse(String text) {
        return Instant.parse(text);
    }
}
