package dev.vigil.backup;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** A Unix cron expression (five fields, as a CronJob takes), evaluated in UTC. */
public final class BackupSchedule {

    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ExecutionTime executionTime;

    private BackupSchedule(String expression, ExecutionTime executionTime) {
        this.expression = expression;
        this.executionTime = executionTime;
    }

    /**
     * @throws IllegalArgumentException when {@code expression} is not a Unix cron expression
     */
    public static BackupSchedule parse(String expression) {
        return new BackupSchedule(expression, ExecutionTime.forCron(PARSER.parse(expression)));
    }

    /** The first due time strictly after {@code after}. */
    public Instant nextAfter(Instant after) {
        return executionTime
                .nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC))
                .map(ZonedDateTime::toInstant)
                .orElseThrow(
                        () -> new IllegalArgumentException(expression + " is never due again"));
    }

    /** The time between the next two due times after {@code now}. */
    public Duration interval(Instant now) {
        Instant next = nextAfter(now);
        return Duration.between(next, nextAfter(next));
    }

    @Override
    public String toString() {
        return expression;
    }
}
