package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.runtime.OperatorSettings.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingSetupTest {

    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.runtime.LoggingSetupTest");
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void restoreTheTestConfiguration() throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void jsonFormatWritesOneParseableObjectPerLine() throws Exception {
        String output =
                captureStandardOutput(
                        () -> {
                            LoggingSetup.apply(LogFormat.JSON);
                            LOG.info("Reconciled {}", "shop/catalog");
                            LOG.warn("Second line", new IllegalStateException("boom"));
                        });

        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("message").asText()).isEqualTo("Reconciled shop/catalog");
        assertThat(lines.get(0).path("level").asText()).isEqualTo("INFO");
        assertThat(lines.get(0).path("logger_name").asText())
                .isEqualTo("dev.vigil.runtime.LoggingSetupTest");
        assertThat(lines.get(0).has("@timestamp")).isTrue();
        assertThat(lines.get(1).path("level").asText()).isEqualTo("WARN");
        assertThat(lines.get(1).path("stack_trace").asText())
                .contains("IllegalStateException: boom");
    }

    @Test
    void jsonFormatKeepsTheConfiguredLevels() throws Exception {
        String output =
                captureStandardOutput(
                        () -> {
                            LoggingSetup.apply(LogFormat.JSON);
                            LOG.debug("below the configured INFO level");
                        });

        assertThat(output).isEmpty();
    }

    @Test
    void plainFormatKeepsTheTextPattern() throws Exception {
        String output =
                captureStandardOutput(
                        () -> {
                            LoggingSetup.apply(LogFormat.PLAIN);
                            LOG.info("Reconciled {}", "shop/catalog");
                        });

        assertThat(output).contains("INFO").contains("Reconciled shop/catalog");
        assertThat(output.trim()).doesNotStartWith("{");
    }

    @Test
    void productionConfigurationLogsVigilAndJosdkAtInfoAndTheRestAtWarn() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));

        assertThat(new StatusUtil(context).getHighestLevel(0)).isLessThan(Status.WARN);
        assertThat(context.getLogger("dev.vigil.reconciler").getEffectiveLevel())
                .isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.javaoperatorsdk.operator").getEffectiveLevel())
                .isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.fabric8.kubernetes").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE"))
                .isInstanceOf(ConsoleAppender.class);
        context.stop();
    }

    private static String captureStandardOutput(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
