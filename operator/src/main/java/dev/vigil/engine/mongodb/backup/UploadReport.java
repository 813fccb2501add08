package dev.vigil.engine.mongodb.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The termination message of a backup pod's {@code upload} container, as {@code vigil backup
 * upload} writes it: a kept dump ({@code label} to {@code recoverableTo}) or a failure ({@code
 * failedAt}, {@code message}). Times are RFC 3339.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UploadReport(
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
    public static Optional<UploadReport> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(text.strip(), UploadReport.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the dump was stored and kept. */
    public boolean succeeded() {
        return finishedAt != null && failedAt == null;
    }
}
