package dev.vigil.e2e.cluster;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Copies the operator's log (everything under {@code dev.vigil} and JOSDK) into a file, as a log
 * collector keeps a pod's log: for the dumps of a failed scenario, the playground, and the scan
 * that no password was ever logged.
 */
public final class OperatorLog implements AutoCloseable {

    private static final String[] LOGGERS = {"dev.vigil", "io.javaoperatorsdk"};

    private final FileAppender<ILoggingEvent> appender;
    private final Path file;

    private OperatorLog(FileAppender<ILoggingEvent> appender, Path file) {
        this.appender = appender;
        this.file = file;
    }

    /** Starts copying into {@code file} (appending). */
    public static OperatorLog captureTo(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(
                "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("vigil-e2e-" + file);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        for (String name : LOGGERS) {
            context.getLogger(name).addAppender(appender);
        }
        return new OperatorLog(appender, file);
    }

    /**
     * From now on nothing is logged to the console: the operator's log goes only to the files it is
     * captured in. For the playground, whose terminal is for the user's instructions.
     */
    public static void silenceConsole() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        root.iteratorForAppenders()
                .forEachRemaining(
                        appender -> {
                            if (appender instanceof ConsoleAppender) {
                                consoles.add(appender);
                            }
                        });
        consoles.forEach(root::detachAppender);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : LOGGERS) {
            Logger logger = context.getLogger(name);
            logger.detachAppender(appender);
        }
        appender.stop();
    }
}
