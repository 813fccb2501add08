package dev.vigil.runtime;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import dev.vigil.runtime.OperatorSettings.LogFormat;
import java.util.Iterator;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code --log-format} to logback once, at startup.
 *
 * <p>{@code logback.xml} defines the console appender and the levels, for both formats; plain keeps
 * its pattern. JSON swaps the console appender's encoder for a {@link LogstashEncoder}: one JSON
 * object per line, with timestamp, level, logger, thread, message, MDC and stack trace as fields,
 * which log collectors parse without a pattern. Levels stay defined in one place.
 */
public final class LoggingSetup {

    private LoggingSetup() {}

    /**
     * Switches the console output to the given format.
     *
     * @throws IllegalStateException when JSON is asked for but SLF4J is not bound to logback
     */
    public static void apply(LogFormat format) {
        if (format == LogFormat.PLAIN) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException(
                    "JSON logs need logback, but SLF4J is bound to "
                            + factory.getClass().getName());
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                useJson(context, console);
            }
        }
    }

    private static void useJson(LoggerContext context, ConsoleAppender<ILoggingEvent> console) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        // An appender takes a new encoder only while stopped; this runs before the operator
        // starts, so no event of interest falls into the gap.
        console.stop();
        console.setEncoder(encoder);
        console.start();
    }
}
