package dev.vigil.backup;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the backup agent serves on {@code GET /v1/status}, as JSON; absent values are {@code null}.
 * Times are ISO-8601 strings.
 *
 * @param primary whether the agent's server is the primary (no {@code standby.signal}): only the
 *     primary backs up
 * @param lastSuccessful the last backup that succeeded
 * @param lastFailed the last backup that failed
 * @param recoverableFrom the earliest time a restore can reach: the end of the oldest backup
 * @param recoverableTo the latest: when the newest archived WAL segment reached the repository
 * @param walArchiveLagSeconds how long the oldest WAL segment waiting to be archived has waited (0
 *     when none waits)
 * @param scheduleIntervalSeconds the time between two scheduled backups
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AgentStatus(
        boolean primary,
        Success lastSuccessful,
        Failure lastFailed,
        String recoverableFrom,
        String recoverableTo,
        Double walArchiveLagSeconds,
        Long scheduleIntervalSeconds) {

    /** A backup that succeeded. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Success(
            String finishedAt, Long sizeBytes, double durationSeconds, String label) {}

    /** A backup that failed, with pgBackRest's first error line. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Failure(String finishedAt, double durationSeconds, String message) {}
}
