package dev.vigil.api;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * {@code spec.backup.schedule}: a Unix cron expression of five fields, read in UTC, as Kubernetes
 * CronJobs read theirs.
 */
public final class BackupSchedule {

    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ExecutionTime executionTime;

    private BackupSchedule(String expression, Cron cron) {
        this.expression = expression;
        this.executionTime = ExecutionTime.forCron(cron);
    }

    /**
     * Parses {@code expression}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static BackupSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("is required: a cron expression such as 0 2 * * *");
        }
        try {
            Cron cron = PARSER.parse(expression.trim());
            cron.validate();
            return new BackupSchedule(expression.trim(), cron);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "is not a cron expression of five fields (minute hour day-of-month month"
                            + " day-of-week, e.g. 0 2 * * *): "
                            + e.getMessage());
        }
    }

    /** The first run strictly after {@code after}. */
    public Optional<Instant> nextAfter(Instant after) {
        return executionTime.nextExecution(utc(after)).map(ZonedDateTime::toInstant);
    }

    /** The last run at or before {@code at}. */
    public Optional<Instant> lastAtOrBefore(Instant at) {
        ZonedDateTime time = utc(at);
        if (executionTime.isMatch(time.withSecond(0).withNano(0))
                && time.withSecond(0).withNano(0).toInstant().equals(at)) {
            return Optional.of(at);
        }
        return executionTime.lastExecution(time).map(ZonedDateTime::toInstant);
    }

    /**
     * The time between two runs, taken from the next two after {@code at}: what "a backup is late"
     * is measured against.
     */
    public Duration interval(Instant at) {
        Optional<Instant> first = nextAfter(at);
        Optional<Instant> second = first.flatMap(this::nextAfter);
        if (first.isEmpty() || second.isEmpty()) {
            return Duration.ZERO;
        }
        return Duration.between(first.get(), second.get());
    }

    @Override
    public String toString() {
        return expression;
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }
}
