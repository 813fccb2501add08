package dev.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Which run of the reliability tests this is (fuzzing, operator kills, API and database faults;
 * docs/reliability.md), and where they write their figures. The suite runs them in their fast mode;
 * {@code ./bench/reliability} runs the same tests in their long mode, {@value #MODE_PROPERTY}
 * {@code =long}, and collects the figures each test wrote with {@link #record}.
 */
public final class ReliabilityRun {

    /** {@code fast} (the default: CI) or {@code long} ({@code ./bench/reliability}). */
    public static final String MODE_PROPERTY = "vigil.reliability";

    /** The directory the figures go to; {@code target/reliability} of the working directory. */
    public static final String FIGURES_PROPERTY = "vigil.reliability.figures";

    private ReliabilityRun() {}

    /** True in the long run, false in the suite's fast one. */
    public static boolean isLong() {
        String mode = System.getProperty(MODE_PROPERTY, "fast").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "fast" -> false;
            case "long" -> true;
            default ->
                    throw new IllegalArgumentException(
                            MODE_PROPERTY + " must be fast or long, not " + mode);
        };
    }

    /** {@code fast} in the suite's fast mode, {@code long} in the long run. */
    public static int count(int fast, int longRun) {
        return isLong() ? longRun : fast;
    }

    /**
     * Writes one test's figures, {@code name=value} lines in the given order, to {@code
     * <figures>/<test>.txt}, with the mode and the time of the run; a later run of the same test
     * replaces them.
     */
    public static void record(String test, Map<String, ?> figures) {
        StringBuilder text = new StringBuilder();
        text.append("test=").append(test).append('\n');
        text.append("mode=").append(isLong() ? "long" : "fast").append('\n');
        text.append("finished=").append(Instant.now()).append('\n');
        figures.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        Path directory = Path.of(System.getProperty(FIGURES_PROPERTY, "target/reliability"));
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    directory.resolve(test + ".txt"), text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
