package dev.vigil.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * What {@code vigil backup verify} writes as one JSON line to its termination log, for the operator
 * to read from the verifier container's terminated state. Kubernetes keeps at most 4096 bytes of a
 * termination message: at most {@link #MAX_TABLES} tables and a message cut to {@link #MAX_MESSAGE}
 * characters keep the line well under it.
 *
 * @param verified whether the restored server started, finished recovery and answered queries
 * @param restoreStartedAt when the restore began (RFC 3339)
 * @param queryableAt when the restored server, promoted, answered the first query
 * @param restoreSeconds the measured RTO: {@code queryableAt - restoreStartedAt}
 * @param recoveredTo the commit time of the last transaction replayed; null when none was
 * @param tables the largest user tables with their counted rows
 * @param message why the verification failed; null when verified
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationResult(
        boolean verified,
        String restoreStartedAt,
        String queryableAt,
        Double restoreSeconds,
        String recoveredTo,
        List<Table> tables,
        String message) {

    /** How many tables are counted and reported, the largest first. */
    public static final int MAX_TABLES = 5;

    /** The longest message kept. */
    public static final int MAX_MESSAGE = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The rows of one table, {@code table} as {@code schema.name}. */
    public record Table(String database, String table, long rows) {}

    /** A failed verification, for {@code reason}. */
    public static VerificationResult failed(String restoreStartedAt, String reason) {
        String oneLine = reason.replace('\n', ' ').strip();
        if (oneLine.length() > MAX_MESSAGE) {
            oneLine = oneLine.substring(0, MAX_MESSAGE - 3) + "...";
        }
        return new VerificationResult(false, restoreStartedAt, null, null, null, null, oneLine);
    }

    /** The one line written to the termination log. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a verification result", e);
        }
    }

    /**
     * Reads a termination message.
     *
     * @throws IllegalArgumentException when it is not a result
     */
    public static VerificationResult parse(String json) {
        try {
            VerificationResult result = JSON.readValue(json, VerificationResult.class);
            if (result == null) {
                throw new IllegalArgumentException("an empty verification result");
            }
            return result;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not a verification result: " + e.getOriginalMessage());
        }
    }
}
