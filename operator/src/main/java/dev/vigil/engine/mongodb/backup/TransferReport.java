package dev.vigil.engine.mongodb.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The report {@code vigil backup upload} and {@code download} write as their termination message:
 * the dump stored or sent ({@code label}, {@code finishedAt}; an upload adds its size, duration and
 * the window of the dumps kept) or a failure ({@code failedAt}, {@code message}). Times are RFC
 * 3339.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferReport(
        String label,
        String startedAt,
        String finishedAt,
        Long sizeBytes,
        Double durationSeconds,
        String recoverableFrom,
        String recoverableTo,
        String failedAt,
        String message) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The report in {@code text}; empty when it is not one (a crash left no report). */
    public static Optional<TransferReport> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(text.strip(), TransferReport.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the dump was stored and kept. */
    public boolean succeeded() {
        return finishedAt != null && failedAt == null;
    }
}
